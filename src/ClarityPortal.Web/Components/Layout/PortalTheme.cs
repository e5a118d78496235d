using MudBlazor;

namespace ClarityPortal.Web.Components.Layout;

/// <summary>The portal's calm palette; contrast of text on primary and surface meets WCAG AA.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#22585c",
            Secondary = "#5a4f8f",
            Tertiary = "#8a4b2a",
            AppbarBackground = "#22585c",
            AppbarText = "#ffffff",
            Background = "#f7f8f7",
            Surface = "#ffffff",
            TextPrimary = "#1d2527",
            TextSecondary = "#4a5558",
            DrawerBackground = "#ffffff",
            Error = "#b3261e",
            Info = "#0a5a9c",
            Success = "#1e6b34",
            Warning = "#8c5200",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7cc4c8",
            PrimaryContrastText = "#0b1d1e",
            SecondaryContrastText = "#1a1530",
            TertiaryContrastText = "#2a1208",
            Secondary = "#b7adf0",
            Tertiary = "#f0a77f",
            AppbarBackground = "#16292b",
            AppbarText = "#eef5f5",
            Background = "#101617",
            Surface = "#182123",
            DrawerBackground = "#141c1e",
            TextPrimary = "#e6eeee",
            TextSecondary = "#b4c2c3",
            Error = "#f2b8b5",
            Info = "#8ec5ff",
            Success = "#8fd6a0",
            Warning = "#ffc77a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily =
                [
                    "system-ui",
                    "-apple-system",
                    "Segoe UI",
                    "Roboto",
                    "Helvetica Neue",
                    "Arial",
                    "sans-serif",
                ],
            },
        },
    };
}
