namespace ClarityPortal.Web.Features.Admin;

public sealed record StaffRow(
    string Id,
    string Name,
    string Email,
    bool Clinician,
    bool Admin,
    bool FromEntra,
    DateTime CreatedAt,
    DateTime? DeactivatedAt,
    bool IsMe,
    int Patients = 0,
    bool TwoFactor = false
);
