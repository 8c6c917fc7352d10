namespace Portal.Hosting;

/// <summary>
/// Answers a request whose body the server cannot read (a bad chunk size, a body over the server's limit) with the
/// status Kestrel gives it (400, 413) instead of letting it surface as an unhandled error. Anyone can send such
/// requests, to the webhook receiver first of all: they are logged as one warning a minute with a count, so they
/// cannot fill the log.
/// </summary>
public sealed class MalformedRequestMiddleware(RequestDelegate next, ILogger<MalformedRequestMiddleware> logger, TimeProvider clock)
{
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset _nextWarning = DateTimeOffset.MinValue;
    private int _unreported;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            Warn(context, e);
        }
    }

    private void Warn(HttpContext context, BadHttpRequestException e)
    {
        int count;
        lock (_gate)
        {
            _unreported++;
            var now = clock.GetUtcNow();
            if (now < _nextWarning)
            {
                return;
            }

            _nextWarning = now + WarningInterval;
            count = _unreported;
            _unreported = 0;
        }

        // The path names a store's public webhook key at most; no header or body is logged.
        logger.LogWarning("Malformed request answered {Status}: {Method} {Path}: {Reason} ({Count} such requests since the last warning)",
            e.StatusCode, context.Request.Method, context.Request.Path, e.Message, count);
    }
}
