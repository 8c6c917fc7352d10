using Portal.Commands;
using Portal.Hosting;

try
{
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);
}
catch (Exception ex) when (StartupErrors.Describe(ex) is { } line)
{
    // A configuration problem: one line naming the setting, no stack trace.
    await Console.Error.WriteLineAsync($"WooPortal cannot start: {line}");
    return 1;
}

public partial class Program;
