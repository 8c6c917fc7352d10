using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Identity;

namespace Portal.Identity;

/// <summary>
/// Passwords as OWASP ASVS level 2 asks: 12 to 128 characters, any characters, no composition rules, and refused
/// when easy to guess (zxcvbn's estimate, which knows common passwords, words, names, keyboard patterns, dates and
/// the user's own e-mail). Runs offline. Applies wherever Identity sets a password: setup, new users and temporary
/// passwords, change and reset.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<PortalUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    /// <summary>zxcvbn's 0–4 scale; 3 is "safely unguessable" (about 10^10 guesses).</summary>
    public const int MinimumScore = 3;

    public const string Rule = "12 to 128 characters, not a common or easily guessed password. A few unrelated words make a good one.";

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(Check(password, user.Email, user.UserName) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = problem.Code, Description = problem.Description })
            : IdentityResult.Success);
    }

    public static (string Code, string Description)? Check(string? password, params string?[] userInputs)
    {
        // Counted in characters as a person sees them (an emoji is one), as ASVS asks.
        var length = new StringInfo(password ?? "").LengthInTextElements;
        if (length < MinimumLength)
        {
            return ("PasswordTooShort", $"The password must have at least {MinimumLength} characters.");
        }

        if (length > MaximumLength)
        {
            return ("PasswordTooLong", $"The password may have at most {MaximumLength} characters.");
        }

        var inputs = userInputs.Where(i => !string.IsNullOrEmpty(i))
            .SelectMany(i => i!.Split('@', '.', '-', '_', '+')).Where(i => i.Length >= 3).ToArray();
        if (Zxcvbn.Zxcvbn.MatchPassword(password!, inputs).Score < MinimumScore)
        {
            return ("PasswordTooWeak",
                "This password is too easy to guess (a common password, a word with small changes, a pattern or your own name). "
                + "Choose a longer one, e.g. a few unrelated words.");
        }

        return null;
    }
}
