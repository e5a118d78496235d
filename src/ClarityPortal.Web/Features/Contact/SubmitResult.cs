using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Features.Contact;

public sealed record SubmitResult(string? Code, string? Refusal);
