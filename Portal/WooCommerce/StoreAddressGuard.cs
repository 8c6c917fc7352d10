using System.Net;
using System.Net.Sockets;

namespace Portal.WooCommerce;

/// <summary>
/// Keeps the portal from being used to reach its own network (request forgery): a store address is connected to only
/// when every address its name resolves to is a public one. Checked in the socket handler's connect step, on the
/// very addresses the socket then connects to, so a name that resolves to a public address when the merchant enters
/// it and to a private one later (DNS rebinding) is refused too.
/// </summary>
public static class StoreAddressGuard
{
    /// <summary>Resolves the host, refuses it when any address is not public (unless allowed), and connects.</summary>
    internal static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            throw new StoreAddressRefusedException(host, refused);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// False for loopback, private (RFC 1918, unique local), shared (carrier-grade NAT), link-local, multicast,
    /// unspecified, broadcast, reserved and documentation ranges, IPv4 and IPv6, including IPv4 carried inside IPv6
    /// (mapped, compatible, NAT64, 6to4).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(b),
            AddressFamily.InterNetworkV6 => IsPublicV6(address, b),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224 // "this network", private, loopback, multicast and reserved (incl. broadcast)
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64.0.0/10 shared address space (carrier-grade NAT)
        || (b[0] == 169 && b[1] == 254) // link-local, where cloud metadata services answer
        || (b[0] == 172 && (b[1] & 0xF0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, documentation
        || (b[0] == 198 && (b[1] & 0xFE) == 18) // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));

    private static bool IsPublicV6(IPAddress address, byte[] b)
    {
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible form.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they carry.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        // Documentation (2001:db8::/32) and discard-only (100::/64) ranges.
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            && !(b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0);
    }
}

/// <summary>The store's address resolves to a non-public network address and the operator has not allowed those.</summary>
public sealed class StoreAddressRefusedException(string host, IPAddress address)
    : Exception($"The store address {host} resolves to {address}, a private network address (loopback, local network, "
        + "link-local or similar). The portal connects only to stores on the public internet: enter the store's public address "
        + "(the portal's operator can allow private addresses with the setting Portal:AllowPrivateStoreAddresses).")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
}
