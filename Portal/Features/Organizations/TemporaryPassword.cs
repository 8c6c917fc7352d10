using System.Security.Cryptography;

namespace Portal.Features.Organizations;

/// <summary>One-time passwords that satisfy the password policy; shown once, changed at first sign-in.</summary>
public static class TemporaryPassword
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "!@#$%*-_+=?";

    public static string Generate(int length = 16)
    {
        var all = Lower + Upper + Digits + Symbols;
        var chars = new char[length];
        chars[0] = Pick(Lower);
        chars[1] = Pick(Upper);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < length; i++)
        {
            chars[i] = Pick(all);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
