using MudBlazor;

namespace Portal.Components.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b3cc4",
            Secondary = "#00897b",
            AppbarBackground = "#3f2a8c",
            Background = "#f6f5fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9d86ff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1f1b2e",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
