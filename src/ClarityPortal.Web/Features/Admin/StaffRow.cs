using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
    int Patients = 0
);
