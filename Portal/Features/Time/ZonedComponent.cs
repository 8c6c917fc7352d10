using Microsoft.AspNetCore.Components;
using Portal.Domain.Integrations;

namespace Portal.Features.Time;

/// <summary>A component that shows something in a time zone: the one given, else the organization's.</summary>
public abstract class ZonedComponent : ComponentBase
{
    [Inject]
    private OrganizationTime OrganizationTime { get; set; } = default!;

    /// <summary>A store's zone where the store's day matters; the organization's otherwise.</summary>
    [Parameter]
    public StoreTimeZone? Zone { get; set; }

    protected StoreTimeZone? ShownZone { get; private set; }

    protected override async Task OnParametersSetAsync() => ShownZone = Zone ?? await OrganizationTime.ZoneAsync();
}
