using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Users;
using Portal.Tests.Components;
using Portal.Tests.Identity;

namespace Portal.Tests.Users;

public sealed class UserDialogTests(SharedPortal shared) : IClassFixture<SharedPortal>, IAsyncLifetime
{
    private readonly BunitHost _bunit = new();
    private UserAdministration _administration = null!;

    public async Task InitializeAsync()
    {
        var (organizationId, _, _) = await shared.Portal.CreateOrganizationAsync();
        _administration = new UserAdministration(shared.Portal.Services.GetRequiredService<IServiceScopeFactory>(),
            FixedTenant.For(organizationId), TimeProvider.System);
        _bunit.Context.Services.AddSingleton(_administration);
    }

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public async Task Save_WhenNoPermissionIsChosen_ThenTheDialogSaysSoAndStaysOpen()
    {
        var host = _bunit.RenderProviders();
        var dialog = await _bunit.ShowDialogAsync(host, new DialogParameters<UserDialog> { { d => d.Creating, true } });

        host.Find("#new-user-email").Input("clerk@example.test");
        host.Find("#save-user").Click();

        host.WaitForAssertion(() => host.Find("#user-dialog-error").TextContent.ShouldContain("Choose at least one permission."));
        dialog.Result.IsCompleted.ShouldBeFalse();
        (await _administration.ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Save_WhenValid_ThenClosesWithTheTemporaryPasswordAndTheUserExists()
    {
        var host = _bunit.RenderProviders();
        var dialog = await _bunit.ShowDialogAsync(host, new DialogParameters<UserDialog> { { d => d.Creating, true } });

        host.Find("#new-user-email").Input("reader@example.test");
        host.Find($"#permission-{Permissions.ReadOnly}").Change(true);
        host.Find("#save-user").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var created = result!.Data.ShouldBeOfType<UserCommandResult>();
        created.TemporaryPassword.ShouldNotBeNullOrEmpty();
        var user = (await _administration.ListAsync()).Single(u => u.Email == "reader@example.test");
        user.Permissions.ShouldBe(Permissions.ReadOnly);
        user.MustChangePassword.ShouldBeTrue();
    }
}
