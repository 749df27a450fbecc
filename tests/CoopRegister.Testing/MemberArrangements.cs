using CoopRegister.Data.Identity;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Testing;

/// <summary>
/// Arranges applicants and members through the app's own services, as the registrar's pages would: apply, record the
/// payment, allot; and gives a new member's login a password as accepting the invitation would.
/// </summary>
public static class MemberArrangements
{
    public static ApplicationForm Individual(string name, string email, long shares = 25, string postcode = "E3 2NS") => new()
    {
        Kind = MemberKind.Individual,
        Name = name,
        Address = "12 Beachy Road\nLondon",
        Postcode = postcode,
        Email = email,
        DateOfBirth = new DateOnly(1980, 5, 17),
        Shares = shares,
        PaymentMethod = PaymentMethod.BankTransfer,
        NoticesByEmail = true,
        DeclarationsAccepted = true,
    };

    /// <summary>First-run setup with <see cref="RegisterTestHost.SampleSociety"/>, through the setup service.</summary>
    public static async Task SetUpSocietyAsync(IServiceProvider services, string adminEmail, string password)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        var token = await setup.IssueTokenAsync() ?? throw new InvalidOperationException("The register is already set up.");
        await setup.CompleteAsync(new SetupRequest(token, RegisterTestHost.SampleSociety, adminEmail, "Ada Admin", password));
        await Authenticator.EnrolIfStaffAsync(services, adminEmail);
    }

    /// <summary>The login as services see it after a two-factor sign-in (quality.md: staff use two factors), with its roles read from the database.</summary>
    public static async Task<Actor> ActorForAsync(IServiceProvider services, string email)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        return new Actor(user.Id, email, (await users.GetRolesAsync(user)).ToList(), SignedInWithTwoFactors: true);
    }

    public static async Task<SubmittedApplication> ApplyAsync(IServiceProvider services, ApplicationForm form, Uri siteBase)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationService>().SubmitAsync(form, siteBase);
    }

    /// <summary>Records the whole amount as received today and allots; returns the member the shares went to.</summary>
    public static async Task<AllottedLine> PayAndAllotAsync(IServiceProvider services, Actor registrar, SubmittedApplication application, Uri siteBase)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(application);
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var today = DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await applications.RecordPaymentAsync(registrar, application.Id, application.Amount.Pence, today, PaymentMethod.BankTransfer, application.Reference);
        var result = await applications.AllotAsync(registrar, [application.Id], today, siteBase);
        return result.Lines.Single();
    }

    /// <summary>Records the whole amount of the application with this reference as received today and allots it.</summary>
    public static async Task<AllottedLine> PayAndAllotAsync(IServiceProvider services, Actor registrar, string reference, Uri siteBase)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var row = (await applications.ListAsync(registrar, new ApplicationFilter(Search: reference))).Rows.Single();
        var today = DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await applications.RecordPaymentAsync(registrar, row.Id, row.Amount.Pence, today, PaymentMethod.BankTransfer, reference);
        return (await applications.AllotAsync(registrar, [row.Id], today, siteBase)).Lines.Single();
    }

    /// <summary>Creates a confirmed staff login with a password and roles, and returns it as an actor.</summary>
    public static async Task<Actor> CreateLoginAsync(IServiceProvider services, string email, string password, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
            Check(await users.CreateAsync(user, password));
            if (roles.Length > 0)
            {
                Check(await users.AddToRolesAsync(user, roles));
                if (Roles.HoldsStaffRole(roles))
                {
                    await Authenticator.EnrolAsync(users, user);
                }
            }
        }

        return await ActorForAsync(services, email);
    }

    /// <summary>Gives a login a password and confirms its address, as accepting an invitation does.</summary>
    public static async Task SetPasswordAsync(IServiceProvider services, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        user.EmailConfirmed = true;
        Check(await users.UpdateAsync(user));
        Check(await users.AddPasswordAsync(user, password));
    }

    /// <summary>The login linked to a member record, by its e-mail address.</summary>
    public static async Task<string?> LoginOfMemberAsync(IServiceProvider services, long memberId)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.Users.Where(u => u.MemberId == memberId).Select(u => u.Email).SingleOrDefaultAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
