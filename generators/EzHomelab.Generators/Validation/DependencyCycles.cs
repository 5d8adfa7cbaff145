using System;
using System.Collections.Generic;
using EzHomelab.Generators.Model;

namespace EzHomelab.Generators.Validation;

/// <summary>
/// Finds services that wait for each other ([DependsOn] and [Egress] edges), reporting each cycle once:
/// strongly connected components (Tarjan, iterative so deep chains cannot overflow the stack), then the
/// shortest way round from the component's first service.
/// </summary>
internal static class DependencyCycles
{
    public static void Report(List<ServiceModel> services, Dictionary<string, ServiceModel> byClass, List<DiagnosticInfo> diagnostics)
    {
        int n = services.Count;
        if (n == 0) return;
        var indexOf = new Dictionary<ServiceModel, int>(n, ReferenceComparer.Instance);
        for (int i = 0; i < n; i++) indexOf[services[i]] = i;

        var edges = new List<Edge>[n];
        bool anyEdge = false;
        for (int i = 0; i < n; i++)
        {
            var s = services[i].Spec;
            var sites = services[i].Sites;
            var list = new List<Edge>(s.DependsOn.Count + 1);
            for (int d = 0; d < s.DependsOn.Count; d++)
                if (s.DependsOn[d].Target.IsService && byClass.TryGetValue(s.DependsOn[d].Target.FullyQualifiedName, out var target))
                    list.Add(new Edge(indexOf[target], LabValidator.TargetLocation(sites.DependsOn[d])));
            if (s.Egress is { IsService: true } egress && sites.Egress is { } egressSites && byClass.TryGetValue(egress.FullyQualifiedName, out var through))
                list.Add(new Edge(indexOf[through], LabValidator.TargetLocation(egressSites)));
            edges[i] = list;
            anyEdge |= list.Count > 0;
        }
        if (!anyEdge) return;

        foreach (var component in StronglyConnected(edges))
        {
            int start = component[0];
            foreach (var member in component) start = Math.Min(start, member);
            bool selfLoop = false;
            foreach (var edge in edges[start]) selfLoop |= edge.Target == start;
            if (component.Count == 1 && !selfLoop) continue;

            var path = ShortestCycle(edges, start, component);
            var names = new List<string>(path.Count + 1);
            foreach (var node in path) names.Add(services[node].Spec.Name);
            names.Add(services[start].Spec.Name);
            var firstEdge = FindEdge(edges[start], path.Count > 1 ? path[1] : start);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DependencyCycle, firstEdge.Location,
                LabValidator.Subject(services[start].Spec), string.Join(" → ", names)));
        }
    }

    private static Edge FindEdge(List<Edge> edges, int target)
    {
        foreach (var edge in edges)
            if (edge.Target == target) return edge;
        return edges[0];
    }

    /// <summary>Nodes from <paramref name="start"/> round to (not including) <paramref name="start"/> again, inside the component.</summary>
    private static List<int> ShortestCycle(List<Edge>[] edges, int start, List<int> component)
    {
        var inComponent = new HashSet<int>(component);
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        int last = start;
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            bool closed = false;
            foreach (var edge in edges[node])
            {
                if (edge.Target == start) { last = node; closed = true; break; }
                if (!inComponent.Contains(edge.Target) || edge.Target == start || parent.ContainsKey(edge.Target)) continue;
                parent[edge.Target] = node;
                queue.Enqueue(edge.Target);
            }
            if (closed) break;
        }
        var path = new List<int>();
        for (int node = last; node != start; node = parent[node]) path.Add(node);
        path.Add(start);
        path.Reverse();
        return path;
    }

    private static List<List<int>> StronglyConnected(List<Edge>[] edges)
    {
        int n = edges.Length;
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        for (int i = 0; i < n; i++) index[i] = -1;
        var stack = new Stack<int>();
        var calls = new Stack<(int Node, int NextEdge)>();
        var components = new List<List<int>>();
        int counter = 0;

        for (int root = 0; root < n; root++)
        {
            if (index[root] != -1) continue;
            calls.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (calls.Count > 0)
            {
                var (node, next) = calls.Pop();
                if (next < edges[node].Count)
                {
                    calls.Push((node, next + 1));
                    int target = edges[node][next].Target;
                    if (index[target] == -1)
                    {
                        index[target] = low[target] = counter++;
                        stack.Push(target);
                        onStack[target] = true;
                        calls.Push((target, 0));
                    }
                    else if (onStack[target]) low[node] = Math.Min(low[node], index[target]);
                    continue;
                }
                if (low[node] == index[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    } while (member != node);
                    components.Add(component);
                }
                if (calls.Count > 0)
                {
                    int caller = calls.Peek().Node;
                    low[caller] = Math.Min(low[caller], low[node]);
                }
            }
        }
        components.Sort(static (a, b) => Min(a).CompareTo(Min(b)));
        return components;
    }

    private static int Min(List<int> items)
    {
        int min = int.MaxValue;
        foreach (var item in items) min = Math.Min(min, item);
        return min;
    }

    private readonly struct Edge
    {
        public Edge(int target, LocationInfo location)
        {
            Target = target;
            Location = location;
        }

        public int Target { get; }
        public LocationInfo Location { get; }
    }

    private sealed class ReferenceComparer : IEqualityComparer<ServiceModel>
    {
        public static readonly ReferenceComparer Instance = new();
        public bool Equals(ServiceModel? x, ServiceModel? y) => ReferenceEquals(x, y);
        public int GetHashCode(ServiceModel obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
