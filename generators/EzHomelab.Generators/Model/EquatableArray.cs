using System;
using System.Collections;
using System.Collections.Generic;

namespace EzHomelab.Generators.Model;

/// <summary>
/// An immutable array compared by its elements, so that pipeline models holding lists stay equal across runs
/// and the incremental driver can cache them. A default instance stands for "not set" and differs from empty.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    public static EquatableArray<T> Empty { get; } = new(Array.Empty<T>());

    private readonly T[]? _items;

    public EquatableArray(T[]? items) => _items = items;

    public bool IsDefault => _items is null;

    public int Count => _items?.Length ?? 0;

    public T this[int index] => _items![index];

    public bool Equals(EquatableArray<T> other)
    {
        var left = _items;
        var right = other._items;
        if (ReferenceEquals(left, right)) return true;
        if (left is null || right is null || left.Length != right.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < left.Length; i++)
            if (!comparer.Equals(left[i], right[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        if (_items is null) return 0;
        unchecked
        {
            int hash = 17;
            var comparer = EqualityComparer<T>.Default;
            foreach (var item in _items)
                hash = (hash * 31) + (item is null ? 0 : comparer.GetHashCode(item));
            return hash;
        }
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal static class EquatableArray
{
    public static EquatableArray<T> From<T>(List<T>? items) where T : IEquatable<T> =>
        items is null || items.Count == 0 ? EquatableArray<T>.Empty : new EquatableArray<T>(items.ToArray());
}
