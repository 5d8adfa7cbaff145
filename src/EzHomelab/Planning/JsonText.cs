using System.Text;
using System.Text.Json;

namespace EzHomelab.Planning;

/// <summary>Indented JSON written by hand (a stable shape, field by field), with only what JSON requires escaped.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options)) write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
