namespace Portal.Identity;

/// <summary>A user holding a temporary password reaches nothing but the page that replaces it (and sign-out).</summary>
public sealed class TemporaryPasswordMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.MustChangePassword()
            && HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments(ChangePasswordPath)
            && !path.StartsWithSegments("/Account/Logout")
            && !Hosting.FrameworkPaths.IsFramework(path))
        {
            context.Response.Redirect(ChangePasswordPath + "?required=true");
            return;
        }

        await next(context);
    }
}
