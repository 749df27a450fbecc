using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;

namespace CoopRegister.Features.Registration;

/// <summary>What the applicant is shown after submitting: the reference to quote and how to pay.</summary>
public sealed record SubmittedApplication(
    long Id,
    string Reference,
    string StatusLink,
    Money Amount,
    long Shares,
    PaymentMethod Method,
    Money? Instalment,
    PaymentInstructions Payment,
    bool ConfirmationMailed);

/// <summary>Where to send money: the society's bank details from settings, and the reference that identifies the payment.</summary>
public sealed record PaymentInstructions(string AccountName, string SortCode, string AccountNumber, string Reference, string PayeeName, string SocietyAddress);

/// <summary>The applicant's view of their application, through the link in their confirmation e-mail.</summary>
public sealed record ApplicationStatusView(
    string Reference,
    string ApplicantName,
    ApplicationStatus Status,
    long SharesRequested,
    long SharesAllotted,
    Money Amount,
    Money Paid,
    PaymentMethod Method,
    Money? Instalment,
    string? ClosedReason,
    IReadOnlyList<ApplicationStep> Steps,
    PaymentInstructions Payment);

public sealed record ApplicationStep(DateTime At, string By, string What);

/// <summary>A row of the registrar's application queue.</summary>
public sealed record ApplicationRow(
    long Id,
    string Reference,
    string ApplicantName,
    MemberKind Kind,
    long? MemberNumber,
    long Shares,
    Money Amount,
    Money Paid,
    long Allottable,
    PaymentMethod Method,
    ApplicationStatus Status,
    MatchDecision Match,
    DateTime SubmittedAt);

/// <summary>Everything the registrar sees of one application.</summary>
public sealed record ApplicationDetails(
    long Id,
    string Reference,
    PersonDetails Applicant,
    bool MarketingConsent,
    string ShareClassName,
    long Shares,
    Money NominalValue,
    Money Amount,
    Money Paid,
    long AllottedShares,
    long Allottable,
    PaymentMethod Method,
    Money? Instalment,
    ApplicationStatus Status,
    MatchDecision Match,
    long? MemberId,
    long? MemberNumber,
    string? ClosedReason,
    DateTime SubmittedAt,
    long Version,
    IReadOnlyList<PaymentRow> Payments,
    IReadOnlyList<ApplicationStep> Steps,
    IReadOnlyList<LikelyMatch> LikelyMatches);

public sealed record PaymentRow(Money Amount, DateOnly ReceivedOn, PaymentMethod Method, string? Reference, string RecordedBy);

/// <summary>An existing member the applicant may be, and why the register thinks so.</summary>
public sealed record LikelyMatch(long MemberId, long MemberNumber, string Name, string Postcode, string? Email, DateOnly? DateOfBirth, string Reason, bool Ceased);

/// <summary>The registrar's filter on the queue.</summary>
public sealed record ApplicationFilter(ApplicationStatus? Status = null, bool OpenOnly = true, string? Search = null, int Page = 0, int PageSize = 50);

public sealed record ApplicationPage(IReadOnlyList<ApplicationRow> Rows, int Total);

/// <summary>What one allotment batch did.</summary>
public sealed record AllotmentResult(DateOnly AllotmentDate, IReadOnlyList<AllottedLine> Lines, IReadOnlyList<string> MailProblems);

public sealed record AllottedLine(long ApplicationId, string Reference, long MemberId, long MemberNumber, string MemberName, long Shares, bool NewMember, bool Invited);
