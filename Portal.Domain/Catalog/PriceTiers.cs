namespace Portal.Domain.Catalog;

public static class PriceTiers
{
    public const int Count = 10;

    public static int Check(int tier) =>
        tier is >= 1 and <= Count
            ? tier
            : throw new DomainException($"Price tier {tier} does not exist; tiers are 1 to {Count}.");

    public static string DefaultName(int tier) => $"Tier {Check(tier)}";
}
