using System.Security.Claims;
using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients;

public sealed record ModuleChoice(int Id, string Title);
