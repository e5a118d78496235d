using System.ComponentModel.DataAnnotations;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Features.Invitations;

public sealed class PortalLinkOptions
{
    public const string Section = "Portal";

    /// <summary>The address patients use ("https://portal.example.org"); links in emails start with it.</summary>
    public string? PublicUrl { get; set; }
}
