using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Organizations;
using Portal.Features.Users;
using Portal.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>ASVS level 2 passwords: 12–128 characters, no composition rules, common and guessable ones refused, on
/// every path that sets one.</summary>
public sealed class PasswordPolicyTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Theory]
    [InlineData("correct horse battery staple")] // lower-case words only: no composition rules
    [InlineData("Q7#mVt9!zR2p")] // exactly 12
    [InlineData("zebra lantern orbit quartz")]
    [InlineData("très belle maison au bord du lac")]
    public void Check_WhenLongAndHardToGuess_ThenAccepted(string password) =>
        PasswordPolicy.Check(password, "owner@acme.test").ShouldBeNull();

    [Theory]
    [InlineData("Q7#mVt9!zR2", "PasswordTooShort")] // 11: the old rules' favourite shape, one short
    [InlineData("password1234", "PasswordTooWeak")]
    [InlineData("Password1234!", "PasswordTooWeak")] // meets every composition rule, still common
    [InlineData("qwertyuiop12", "PasswordTooWeak")]
    [InlineData("aaaaaaaaaaaaaaaa", "PasswordTooWeak")]
    [InlineData("Owner-passw0rd!", "PasswordTooWeak")]
    [InlineData("jonathan.smithers1", "PasswordTooWeak")] // the user's own e-mail
    public void Check_WhenShortCommonOrGuessable_ThenRefusedWithTheReason(string password, string code) =>
        PasswordPolicy.Check(password, "jonathan.smithers@acme.test")!.Value.Code.ShouldBe(code);

    [Fact]
    public void Check_WhenLengthIsAtTheUpperBound_Then128AcceptedAnd129Refused()
    {
        var words = string.Join(' ', Enumerable.Repeat("zebra lantern orbit quartz", 10));
        PasswordPolicy.Check(words[..128]).ShouldBeNull();
        PasswordPolicy.Check(words[..129])!.Value.Code.ShouldBe("PasswordTooLong");
    }

    [Fact]
    public void Check_WhenLengthIsCounted_ThenAnEmojiIsOneCharacter()
    {
        // 11 characters as a person counts them, 12 UTF-16 units.
        PasswordPolicy.Check("zebra-orb\U0001F600x")!.Value.Code.ShouldBe("PasswordTooShort");
    }

    [Fact]
    public void TemporaryPassword_WhenGenerated_ThenAlwaysPassesThePolicy()
    {
        for (var i = 0; i < 500; i++)
        {
            var password = TemporaryPassword.Generate();
            PasswordPolicy.Check(password, "someone@example.test").ShouldBeNull(password);
        }
    }

    [Fact]
    public async Task EveryPathThatSetsAPassword_WhenWeak_ThenRefusedAndWhenStrong_ThenAccepted()
    {
        var portal = shared.Portal;
        await using var scope = portal.Services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        var weakOrganization = await provisioning.CreateOrganizationAsync("Weak " + Guid.NewGuid().ToString("N")[..6], "USD", "UTC",
            $"weak-{Guid.NewGuid():N}@example.test", "Password1234!", temporaryPassword: false);
        weakOrganization.Succeeded.ShouldBeFalse();
        weakOrganization.Errors["OwnerPassword"].ShouldContain("too easy to guess");

        var (organizationId, email, password) = await portal.CreateOrganizationAsync();
        var owner = (await users.FindByEmailAsync(email))!;
        var weakChange = await users.ChangePasswordAsync(owner, password, "iloveyou1234");
        weakChange.Errors.ShouldHaveSingleItem().Code.ShouldBe("PasswordTooWeak");
        (await users.ChangePasswordAsync(owner, password, "zebra lantern orbit quartz")).Succeeded.ShouldBeTrue();

        var token = await users.GeneratePasswordResetTokenAsync(owner);
        (await users.ResetPasswordAsync(owner, token, "short")).Errors.ShouldHaveSingleItem().Code.ShouldBe("PasswordTooShort");

        // New users and administrator resets get generated temporary passwords, which the policy accepts.
        var administration = new UserAdministration(portal.Services.GetRequiredService<IServiceScopeFactory>(),
            FixedTenant.For(organizationId), TimeProvider.System);
        var created = await administration.CreateAsync($"clerk-{Guid.NewGuid():N}@example.test", Permissions.Sales);
        created.Succeeded.ShouldBeTrue(created.Message);
        var clerk = (await administration.ListAsync()).Single(u => !u.IsOwner);
        var reset = await administration.ResetPasswordAsync(clerk.Id, owner.Id);
        reset.Succeeded.ShouldBeTrue(reset.Message);
    }

    [Fact]
    public async Task ChangePasswordPage_WhenNewPasswordIsCommon_ThenSaysWhyAndKeepsTheOldOne()
    {
        var (_, email, password) = await shared.Portal.CreateOrganizationAsync();
        using var client = shared.Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(client, email, password);

        var response = await StaticForm.PostAsync(client, "/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = password,
            ["Input.NewPassword"] = "Password1234!",
            ["Input.ConfirmPassword"] = "Password1234!",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("too easy to guess");
        await using var scope = shared.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password)).ShouldBeTrue();
    }
}
