using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Features.Setup;

/// <summary>Whether first-run setup has happened. Once true it stays true, so the database is asked until then only.</summary>
public sealed class SetupState(IPortalDbContextFactory dbFactory)
{
    private volatile bool _complete;

    public async ValueTask<bool> IsCompleteAsync(CancellationToken ct)
    {
        if (_complete)
        {
            return true;
        }

        await using var db = dbFactory.Create(FixedTenant.None);
        _complete = await db.Users.AnyAsync(ct);
        return _complete;
    }

    public void MarkComplete() => _complete = true;
}

/// <summary>Until an owner exists, every page leads to the one-time setup form (health and static files excepted).</summary>
public sealed class FirstRunMiddleware(RequestDelegate next, SetupState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsGet(context.Request.Method)
            || path.StartsWithSegments(SetupPaths.Setup)
            || path.StartsWithSegments("/healthz")
            || Hosting.FrameworkPaths.IsFramework(path)
            || await state.IsCompleteAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        context.Response.Redirect(SetupPaths.Setup);
    }
}

public static class SetupPaths
{
    public const string Setup = "/setup";
}

/// <summary>Met while no user exists (anyone may run setup), and afterwards by any signed-in user.</summary>
public sealed class SetupOpenRequirement : IAuthorizationRequirement;

public sealed class SetupOpenHandler(SetupState state) : AuthorizationHandler<SetupOpenRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SetupOpenRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true || !await state.IsCompleteAsync(CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
