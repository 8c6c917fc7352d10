using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Domain.Integrations;
using Portal.Features.Time;

namespace Portal.Tests.Components;

/// <summary>
/// bUnit with MudBlazor: loose JS interop, transitions off, providers rendered. Held as a field and disposed
/// asynchronously (MudBlazor's services are only IAsyncDisposable; xunit 2 would dispose synchronously).
/// </summary>
public sealed class BunitHost : IAsyncDisposable
{
    public BunitHost()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        // The real clock and times in UTC unless a test registers others (registered later, they win).
        Context.Services.AddSingleton(TimeProvider.System);
        Context.Services.AddScoped(sp => OrganizationTime.Fixed(StoreTimeZone.Utc, sp.GetRequiredService<TimeProvider>()));
    }

    public BunitContext Context { get; } = new();

    public IRenderedComponent<IComponent> RenderProviders() => Context.Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
        b.OpenComponent<MudSnackbarProvider>(2);
        b.CloseComponent();
    });

    public async Task<IDialogReference> ShowDialogAsync<TDialog>(IRenderedComponent<IComponent> host, DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        IDialogReference? reference = null;
        await host.InvokeAsync(async () =>
            reference = await Context.Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>("dialog", parameters));
        return reference!;
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
