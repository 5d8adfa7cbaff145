namespace EzHomelab.Settings;

/// <summary>A run-time setting is missing or malformed. The message is one line naming the setting and where it came from.</summary>
public sealed class SettingsException(string message) : Exception(message);
