using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Providers;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.Property(p => p.Slug).HasMaxLength(100);
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Credentials).HasMaxLength(100);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Bio).HasMaxLength(6000);
        b.Property(p => p.ContactEmail).HasMaxLength(256);
        b.Property(p => p.PhotoContentType).HasMaxLength(50);
        b.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(p => new { p.IsPublished, p.SortOrder });
        b.OwnsMany(p => p.Qualifications, q => q.ToJson());
        b.OwnsMany(p => p.Locations, l => l.ToJson());
    }
}
