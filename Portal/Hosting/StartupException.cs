namespace Portal.Hosting;

/// <summary>A configuration or environment problem that stops the portal. Its message is the one line shown.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
