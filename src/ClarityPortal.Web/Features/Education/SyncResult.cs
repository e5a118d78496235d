using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Education.Components;
using ClarityPortal.Web.Features.Education.Content;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Education;

public sealed record SyncResult(string File, SyncOutcome Outcome, string Message);
