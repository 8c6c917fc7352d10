using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Portal.Hosting;

/// <summary>Turns the ways a misconfigured portal fails into one line that names the setting to fix.</summary>
public static class StartupErrors
{
    public static string? Describe(Exception ex)
    {
        // WebApplicationFactory stops Program after Build() with this exception: it is not a failure to report.
        if (ex is HostAbortedException)
        {
            return null;
        }

        return ex switch
        {
            StartupException s => s.Message,
            OptionsValidationException o => string.Join(" ", o.Failures),
            AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
            IOException io when FindSocketError(io) is SocketError.AddressAlreadyInUse =>
                $"The port is already in use ({io.Message}); choose another with --urls or the Urls setting.",
            _ when FindSocketError(ex) is SocketError.AccessDenied =>
                $"The portal may not listen on this address ({ex.Message}); choose another with --urls or the Urls setting.",
            _ => null,
        };
    }

    private static SocketError? FindSocketError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socket)
            {
                return socket.SocketErrorCode;
            }

            if (ex.GetType().Name == "AddressInUseException")
            {
                return SocketError.AddressAlreadyInUse;
            }
        }

        return null;
    }
}
