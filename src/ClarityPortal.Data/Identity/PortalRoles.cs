namespace ClarityPortal.Data.Identity;

/// <summary>The three roles of the portal. Names are stored in the Identity role table.</summary>
public static class PortalRoles
{
    public const string Patient = "Patient";
    public const string Clinician = "Clinician";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Patient, Clinician, Admin];
}
