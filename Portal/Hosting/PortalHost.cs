using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Portal.Components;
using Portal.Components.Account;
using Portal.Data;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Features.Common;
using Portal.Features.Health;
using Portal.Features.Integrations;
using Portal.Features.Orders;
using Portal.Features.Organizations;
using Portal.Features.Refunds;
using Portal.Features.Setup;
using Portal.Features.StockSync;
using Portal.Features.StoreCatalog;
using Portal.Features.Support;
using Portal.Features.Time;
using Portal.Features.TrackingExport;
using Portal.Features.Users;
using Portal.Identity;
using Portal.Tenancy;
using Portal.WooCommerce;
using Quartz;

namespace Portal.Hosting;

/// <summary>The composition root: every service and the request pipeline, shared by the web host and the commands.</summary>
public static class PortalHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Serves MudBlazor's files from the package when the app runs from the build output in any environment
        // (`dotnet run`); a published app has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        var portal = BindPortalOptions(builder.Configuration);
        var database = DatabaseStartup.ReadOptions(builder.Configuration, portal);
        builder.Services.AddSingleton(database);
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddPortalData(database);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ITenantContext, UserTenantContext>();
        builder.Services.AddInventoryAndSales();
        builder.Services.AddPortalDataProtection(portal);

        AddIdentity(builder.Services, portal);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddPortalHealthChecks();
        builder.Services.AddPortalRateLimits();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in portal.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        builder.Services.AddScoped<OrganizationProvisioning>();
        builder.Services.AddScoped<CurrentOrganization>();
        builder.Services.AddScoped<OrganizationTime>();
        builder.Services.AddSingleton<SupportAccess>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddSingleton<SetupState>();
        builder.Services.AddInventoryAndSales();

        // The activity log persists the client's calls; registered first so the client uses it.
        builder.Services.AddSingleton<StoreActivityRecorder>();
        builder.Services.AddSingleton<IWooCallRecorder>(sp => sp.GetRequiredService<StoreActivityRecorder>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreActivityRecorder>());
        builder.Services.AddWooCommerceClient(builder.Configuration);
        builder.Services.AddOptions<WooClientOptions>().PostConfigure<Microsoft.Extensions.Options.IOptions<PortalOptions>>(
            (woo, options) => woo.AllowPrivateAddresses = options.Value.AllowPrivateStoreAddresses);
        builder.Services.AddSingleton<StoreSecrets>();
        builder.Services.AddSingleton<StoreClients>();
        builder.Services.AddSingleton<StoreWebhooks>();
        builder.Services.AddScoped<StoreRegistration>();
        builder.Services.AddScoped<ConnectStore>();
        builder.Services.AddScoped<AcceptAppAuthorizationCallback>();
        builder.Services.AddScoped<FinishAppAuthorization>();
        builder.Services.AddScoped<ChangeStoreCredentials>();
        builder.Services.AddScoped<SetStoreTimeZone>();
        builder.Services.AddScoped<DisconnectStore>();
        builder.Services.AddScoped<StoreSettingsService>();

        builder.Services.AddScoped<MaintainStores>();
        builder.Services.AddScoped<CatalogOperations>();
        builder.Services.AddScoped<StoreCatalogListing>();
        builder.Services.AddScoped<StoreCatalogQuery>();
        builder.Services.AddScoped<RunCatalogOperation>();
        builder.Services.AddScoped<DownloadProducts>();
        builder.Services.AddScoped<ICatalogOperationHandler>(sp => sp.GetRequiredService<DownloadProducts>());
        builder.Services.AddScoped<ICatalogOperationHandler, DownloadCustomers>();
        builder.Services.AddStockSync();
        var stockSync = builder.Configuration.GetSection(StockSyncOptions.SectionName).Get<StockSyncOptions>() ?? new();
        builder.Services.AddScoped<ICatalogOperationHandler, BulkListing>();
        builder.Services.AddScoped<SweepCatalogOperations>();
        builder.Services.AddScoped<RefreshStoreProducts>();
        builder.Services.AddScoped<ProcessProductDeliveries>();
        builder.Services.AddOptions<StoreMaintenanceOptions>().BindConfiguration(StoreMaintenanceOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var maintenance = builder.Configuration.GetSection(StoreMaintenanceOptions.SectionName).Get<StoreMaintenanceOptions>() ?? new();
        builder.Services.AddOrderCapture();
        builder.Services.AddTrackingExport();
        builder.Services.AddScoped<ApplyStoreRefunds>();
        var trackingExport = builder.Configuration.GetSection(TrackingExportOptions.SectionName).Get<TrackingExportOptions>() ?? new();
        builder.Services.AddOrderProcessing();
        var polling = builder.Configuration.GetSection(OrderPollingOptions.SectionName).Get<OrderPollingOptions>() ?? new();

        var schedulerEnabled = builder.Configuration.GetValue("Scheduler:Enabled", true);
        builder.Services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            MaintainStoresJob.Register(q, maintenance, TimeProvider.System.GetUtcNow());
            CatalogOperationJob.Register(q);
            StockSyncSweepJob.Register(q, stockSync, TimeProvider.System.GetUtcNow());
            SweepCatalogOperationsJob.Register(q, TimeProvider.System.GetUtcNow());
            ProcessProductDeliveriesJob.Register(q, TimeProvider.System.GetUtcNow());
            PollOrdersJob.Register(q, polling, TimeProvider.System.GetUtcNow());
            ExportTrackingJob.Register(q, trackingExport, TimeProvider.System.GetUtcNow());
            ApplyStoreRefundsJob.Register(q, TimeProvider.System.GetUtcNow());
            ConsolidateOrdersJob.Register(q, TimeProvider.System.GetUtcNow());
        });
        if (schedulerEnabled)
        {
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            builder.Services.AddHostedService<OrderInboxWorker>();
            builder.Services.AddHostedService<ProcessPendingOrdersWorker>();
        }

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static PortalOptions BindPortalOptions(IConfiguration configuration)
    {
        var portal = new PortalOptions();
        configuration.GetSection(PortalOptions.SectionName).Bind(portal);
        var errors = portal.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(portal)).ToList();
        if (errors.Count > 0)
        {
            throw new StartupException(errors[0].ErrorMessage!);
        }

        return portal;
    }

    private static void AddIdentity(IServiceCollection services, PortalOptions portal)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<PortalUser>(o =>
            {
                PortalDataServiceCollectionExtensions.ConfigureIdentityStore(o);
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                // Length and guessability are checked by PasswordPolicy (ASVS level 2): no composition rules.
                o.Password.RequiredLength = 1;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddPasswordValidator<PasswordPolicy>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        // Disabling a user or changing their permissions renews the security stamp; cookies notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "WooPortal.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = portal.PublicUrlIsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
            o.Cookie.SecurePolicy = portal.PublicUrlIsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        // The antiforgery cookie follows the request: with Always, a request that reaches the portal over plain http
        // (a proxy that does not forward the scheme) would fail with an error page instead of just being insecure.
        services.AddAntiforgery(o => o.Cookie.Name = "WooPortal.Antiforgery");
        services.AddAuthorization(o =>
        {
            o.AddPortalPolicies();
            o.FallbackPolicy = AnonymousEndpoints.Fallback;
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SetupOpenHandler>();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseMiddleware<MalformedRequestMiddleware>();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseMiddleware<TemporaryPasswordMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Static files are public (the sign-in page needs its styles); everything else follows the fallback policy.
        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealth();
        app.MapWooCommerceEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(AnonymousEndpoints.Apply);
        app.MapAdditionalIdentityEndpoints();
    }
}
