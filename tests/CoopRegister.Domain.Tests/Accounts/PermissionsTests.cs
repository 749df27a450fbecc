using CoopRegister.Domain.Accounts;

namespace CoopRegister.Domain.Tests.Accounts;

public sealed class PermissionsTests
{
    [Fact]
    public void An_auditor_reads_the_register_but_cannot_change_it()
    {
        Assert.True(Permissions.Allows(Permissions.ReadRegister, [Roles.Auditor]));
        Assert.False(Permissions.Allows(Permissions.WriteRegister, [Roles.Auditor]));
    }

    [Fact]
    public void A_member_has_only_the_portal_the_declared_results_of_meetings_and_the_list_of_officers()
    {
        var allowed = Permissions.All.Where(p => Permissions.Allows(p, [Roles.Member])).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Permissions.MeetingResults, Permissions.MemberPortal, Permissions.SeeOfficers], allowed);
    }

    [Fact]
    public void Only_administrators_manage_the_society() =>
        Assert.Equal([Roles.Administrator], Permissions.RolesFor(Permissions.ManageSociety));

    [Fact]
    public void Every_permission_is_held_by_some_role() =>
        Assert.All(Permissions.All, p => Assert.NotEmpty(Permissions.RolesFor(p)));

    [Fact]
    public void Every_staff_role_needs_two_factors_for_every_permission_but_a_members_own_portal()
    {
        foreach (var role in Roles.Staff)
        {
            Assert.All(Permissions.All.Where(p => p != Permissions.MemberPortal), p => Assert.True(Permissions.NeedsTwoFactor(p, [role]), $"{role} {p}"));
        }

        Assert.False(Permissions.NeedsTwoFactor(Permissions.MemberPortal, [Roles.Member, Roles.Teller]));
        Assert.True(Permissions.NeedsTwoFactor(Permissions.MeetingResults, [Roles.Member, Roles.Teller]));
    }

    [Fact]
    public void A_login_that_is_only_a_member_never_needs_two_factors() =>
        Assert.All(Permissions.All, p => Assert.False(Permissions.NeedsTwoFactor(p, [Roles.Member])));
}
