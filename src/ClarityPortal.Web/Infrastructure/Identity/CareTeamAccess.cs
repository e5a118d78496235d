using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// The one rule for whose data a staff member may see: admins all patients, clinicians their linked patients.
/// </summary>
public static class CareTeamAccess
{
    public static IQueryable<ApplicationUser> VisiblePatients(ClarityDbContext db, ClaimsPrincipal user)
    {
        var patients = db.Users.Where(u => u.Kind == UserKind.Patient);
        if (PortalUser.IsInRole(user, PortalRoles.Admin))
        {
            return patients;
        }

        var id = PortalUser.Id(user) ?? "";
        return patients.Where(u => db.CareTeamLinks.Any(l => l.PatientId == u.Id && l.ClinicianId == id));
    }
}
