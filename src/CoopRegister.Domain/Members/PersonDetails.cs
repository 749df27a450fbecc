using System.Globalization;
using System.Text;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Members;

/// <summary>
/// What the register records about who a member is and how to reach them (Act s.30(2)(a)–(b)): name, postal address,
/// the e-mail address notified for notices and what it was given for, and, where the kind needs it, the representative,
/// the body a nominee acts for, and the other joint holders. The same shape is taken from an application.
/// </summary>
public sealed record PersonDetails
{
    public const int NameMax = 200;
    public const int AddressMax = 500;
    public const int PostcodeMax = 10;
    public const int CountryMax = 60;
    public const int EmailMax = 256;
    public const int PhoneMax = 40;
    public const int OrganisationNumberMax = 30;
    public const int MaxJointHolders = 3;
    public const string UnitedKingdom = "United Kingdom";

    public MemberKind Kind { get; init; } = MemberKind.Individual;

    /// <summary>The member's name as registered: a person, the first-named joint holder, a nominee, or an organisation.</summary>
    public string Name { get; init; } = "";

    /// <summary>The postal address without the postcode, one line per row.</summary>
    public string Address { get; init; } = "";

    public string Postcode { get; init; } = "";
    public string Country { get; init; } = UnitedKingdom;

    /// <summary>The electronic address notified for notices and documents (Act s.30(2)(b)).</summary>
    public string? Email { get; init; }

    /// <summary>
    /// The purpose the e-mail address was given for: receiving notices and documents under the Act electronically.
    /// Kept apart from marketing consent (PECR; domain rule 57).
    /// </summary>
    public bool NoticesByEmail { get; init; }

    public string? Phone { get; init; }
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>The person who acts for a body corporate or a registered society (domain rule 11).</summary>
    public string? RepresentativeName { get; init; }

    /// <summary>The unincorporated body a nominee holds for, e.g. "Unite North West Region Branch 123".</summary>
    public string? RepresentedBody { get; init; }

    /// <summary>The body's address when it differs from the nominee's (domain rule 11).</summary>
    public string? RepresentedBodyAddress { get; init; }

    /// <summary>Company or society registration number of an organisation.</summary>
    public string? OrganisationNumber { get; init; }

    public IReadOnlyList<JointHolder> JointHolders { get; init; } = [];

    /// <summary>How the register names the member: "Jane Smith (nominee of Unite Branch 123)".</summary>
    public string RegisterName => Kind switch
    {
        MemberKind.Nominee when !string.IsNullOrWhiteSpace(RepresentedBody) => $"{Name} (nominee of {RepresentedBody})",
        MemberKind.Joint when JointHolders.Count > 0 => $"{Name} and {string.Join(", ", JointHolders.Select(h => h.Name))} (joint)",
        _ => Name,
    };

    public bool IsInUnitedKingdom => string.IsNullOrWhiteSpace(Country) || string.Equals(Country.Trim(), UnitedKingdom, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Country.Trim(), "UK", StringComparison.OrdinalIgnoreCase);

    /// <summary>Trims, NFC-normalises and tidies what people typed, without changing what it says.</summary>
    public PersonDetails Normalised() => this with
    {
        Name = Clean(Name),
        Address = CleanLines(Address),
        Postcode = NormalisePostcode(Postcode, IsInUnitedKingdom),
        Country = string.IsNullOrWhiteSpace(Country) ? UnitedKingdom : Clean(Country),
        Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        Phone = string.IsNullOrWhiteSpace(Phone) ? null : Clean(Phone),
        RepresentativeName = Blank(RepresentativeName),
        RepresentedBody = Blank(RepresentedBody),
        RepresentedBodyAddress = Blank(RepresentedBodyAddress),
        OrganisationNumber = Blank(OrganisationNumber),
        NoticesByEmail = NoticesByEmail && !string.IsNullOrWhiteSpace(Email),
        JointHolders = Kind == MemberKind.Joint
            ? JointHolders.Where(h => !string.IsNullOrWhiteSpace(h.Name)).Select(h => new JointHolder(Clean(h.Name), Blank(h.Email))).ToList()
            : [],
    };

    /// <summary>
    /// Every rule these details break, given the society's rules and today's date. The minimum age, and the date of
    /// birth it needs, apply on <paramref name="admission"/>; a member admitted under older rules stays a member.
    /// </summary>
    public IReadOnlyList<RuleViolation> Validate(SocietyDetails society, DateOnly today, bool admission = true)
    {
        ArgumentNullException.ThrowIfNull(society);
        var errors = new List<RuleViolation>();
        void Fail(string field, string message) => errors.Add(new RuleViolation(field, message));

        CheckText(errors, nameof(Name), Kind.IsOrganisation() ? "Organisation name" : "Name", Name, NameMax, required: true);
        CheckText(errors, nameof(Address), "Address", Address, AddressMax, required: true, multiLine: true);
        CheckText(errors, nameof(Country), "Country", Country, CountryMax, required: false);
        if (IsInUnitedKingdom)
        {
            if (string.IsNullOrWhiteSpace(Postcode))
            {
                Fail(nameof(Postcode), "Postcode is required for a UK address.");
            }
            else if (!IsUkPostcode(Postcode))
            {
                Fail(nameof(Postcode), $"'{Postcode}' is not a UK postcode (for example SW1A 1AA).");
            }
        }
        else
        {
            CheckText(errors, nameof(Postcode), "Postcode", Postcode, PostcodeMax, required: false);
        }

        if (Email is not null && !IsEmail(Email))
        {
            Fail(nameof(Email), $"'{Email}' is not an e-mail address (expected name@example.org, at most {EmailMax} characters).");
        }

        if (NoticesByEmail && string.IsNullOrWhiteSpace(Email))
        {
            Fail(nameof(Email), "An e-mail address is needed to receive notices by e-mail.");
        }

        CheckText(errors, nameof(Phone), "Phone", Phone, PhoneMax, required: false);

        if (DateOfBirth is { } dob)
        {
            if (dob > today)
            {
                Fail(nameof(DateOfBirth), $"Date of birth {dob:yyyy-MM-dd} is in the future.");
            }
            else if (dob < today.AddYears(-130))
            {
                Fail(nameof(DateOfBirth), $"Date of birth {dob:yyyy-MM-dd} is more than 130 years ago.");
            }
            else if (admission && Kind.IsPerson() && society.MinimumAge is { } min && AgeOn(dob, today) < min)
            {
                Fail(nameof(DateOfBirth), $"Members must be at least {min} years old under the society's rules; the applicant is {AgeOn(dob, today)}.");
            }
        }
        else if (admission && Kind is MemberKind.Individual or MemberKind.Joint && society.MinimumAge is { } min)
        {
            Fail(nameof(DateOfBirth), $"Date of birth is required: the society's rules set a minimum age of {min}.");
        }

        switch (Kind)
        {
            case MemberKind.Corporate or MemberKind.RegisteredSociety:
                CheckText(errors, nameof(RepresentativeName), "Representative", RepresentativeName, NameMax, required: true);
                CheckText(errors, nameof(OrganisationNumber), "Registration number", OrganisationNumber, OrganisationNumberMax, required: Kind == MemberKind.RegisteredSociety);
                break;
            case MemberKind.Nominee:
                CheckText(errors, nameof(RepresentedBody), "The body the nominee acts for", RepresentedBody, NameMax, required: true);
                CheckText(errors, nameof(RepresentedBodyAddress), "The body's address", RepresentedBodyAddress, AddressMax, required: false, multiLine: true);
                break;
            case MemberKind.Joint:
                if (JointHolders.Count == 0)
                {
                    Fail(nameof(JointHolders), "A joint holding needs at least one other holder besides the first-named.");
                }
                else if (JointHolders.Count > MaxJointHolders)
                {
                    Fail(nameof(JointHolders), $"A joint holding may have at most {MaxJointHolders} other holders; it has {JointHolders.Count}.");
                }

                foreach (var h in JointHolders)
                {
                    CheckText(errors, nameof(JointHolders), "Joint holder's name", h.Name, NameMax, required: true);
                    if (h.Email is not null && !IsEmail(h.Email))
                    {
                        Fail(nameof(JointHolders), $"Joint holder {h.Name}: '{h.Email}' is not an e-mail address.");
                    }
                }

                break;
        }

        return errors;
    }

    /// <summary>Whole years of age on a date.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        return on < dateOfBirth.AddYears(age) ? age - 1 : age;
    }

    /// <summary>
    /// A UK postcode in its usual shape: outward code (A9, A99, A9A, AA9, AA99, AA9A), a space, inward code (9AA).
    /// Also GIR 0AA. Checked for shape only; whether the postcode exists is Royal Mail's business.
    /// </summary>
    public static bool IsUkPostcode(string postcode)
    {
        // Without its spaces and in upper case, read in place: at most seven characters are worth reading.
        ArgumentNullException.ThrowIfNull(postcode);
        Span<char> buffer = stackalloc char[8];
        var length = 0;
        foreach (var c in postcode)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        ReadOnlySpan<char> p = buffer[..length];
        if (p.SequenceEqual("GIR0AA"))
        {
            return true;
        }

        if (p.Length is < 5 or > 7)
        {
            return false;
        }

        var inward = p[^3..];
        var outward = p[..^3];
        if (!char.IsAsciiDigit(inward[0]) || !char.IsAsciiLetterUpper(inward[1]) || !char.IsAsciiLetterUpper(inward[2]))
        {
            return false;
        }

        return outward.Length switch
        {
            2 => char.IsAsciiLetterUpper(outward[0]) && char.IsAsciiDigit(outward[1]),
            3 => char.IsAsciiLetterUpper(outward[0]) && (
                    (char.IsAsciiDigit(outward[1]) && char.IsAsciiLetterOrDigit(outward[2]))
                    || (char.IsAsciiLetterUpper(outward[1]) && char.IsAsciiDigit(outward[2]))),
            4 => char.IsAsciiLetterUpper(outward[0]) && char.IsAsciiLetterUpper(outward[1]) && char.IsAsciiDigit(outward[2]) && char.IsAsciiLetterOrDigit(outward[3]),
            _ => false,
        };
    }

    public static bool IsEmail(string email)
    {
        if (email.Length > EmailMax)
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        var domain = email.AsSpan(at + 1);
        if (!domain.Contains('.') || domain[0] == '.' || domain[^1] == '.')
        {
            return false;
        }

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';' or '(' or ')' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"sw1a1aa" → "SW1A 1AA" for UK postcodes; other countries' codes are kept as typed.</summary>
    public static string NormalisePostcode(string? postcode, bool uk)
    {
        var p = (postcode ?? "").Trim();
        if (!uk)
        {
            return p;
        }

        if (IsPostcodeShape(p))
        {
            // Already as the lines below would make it (an import of our own export has every postcode so).
            return p;
        }

        var compact = p.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length >= 5 ? compact[..^3] + " " + compact[^3..] : compact;
    }

    /// <summary>Upper-case ASCII with one space, before the last three characters, and five or more others.</summary>
    private static bool IsPostcodeShape(string p)
    {
        if (p.Length < 6 || p[^4] != ' ')
        {
            return false;
        }

        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (i != p.Length - 4 && (c == ' ' || !char.IsAscii(c) || char.IsAsciiLetterLower(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Clean(string s) =>
        IsClean(s) ? s : string.Join(' ', s.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whether <see cref="Clean"/> would give the text back as it is: normalised, and single spaces only between words.</summary>
    private static bool IsClean(string s) => IsCleanText(s) && s.IsNormalized(NormalizationForm.FormC);

    /// <summary>Not empty, with no white space but single spaces between words.</summary>
    private static bool IsCleanText(ReadOnlySpan<char> s)
    {
        var afterSpace = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                if (c != ' ' || afterSpace)
                {
                    return false;
                }

                afterSpace = true;
            }
            else
            {
                afterSpace = false;
            }
        }

        return !afterSpace;
    }

    /// <summary>Each line cleaned, blank lines left out, lines joined by "\n" whatever the line endings were.</summary>
    private static string CleanLines(string s) =>
        AreCleanLines(s) ? s : string.Join("\n", s.ReplaceLineEndings("\n").Split('\n').Select(Clean).Where(l => l.Length > 0));

    /// <summary>Whether <see cref="CleanLines"/> would give the text back as it is: clean lines ended by "\n" alone, none of them blank.</summary>
    private static bool AreCleanLines(string s)
    {
        var rest = s.AsSpan();
        if (rest.IndexOfAny(OtherLineEndings) >= 0)
        {
            return false;
        }

        while (true)
        {
            var end = rest.IndexOf('\n');
            if (!IsCleanText(end < 0 ? rest : rest[..end]))
            {
                return false;
            }

            if (end < 0)
            {
                return s.IsNormalized(NormalizationForm.FormC);
            }

            rest = rest[(end + 1)..];
        }
    }

    // What ReplaceLineEndings takes for a line ending, besides LF: CR, FF, NEL, LS and PS.
    private static readonly System.Buffers.SearchValues<char> OtherLineEndings = System.Buffers.SearchValues.Create("\r\f\u0085\u2028\u2029");


    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : Clean(s);

    private static void CheckText(List<RuleViolation> errors, string field, string label, string? value, int max, bool required, bool multiLine = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new RuleViolation(field, $"{label} is required."));
            }

            return;
        }

        if (value.Length > max)
        {
            errors.Add(new RuleViolation(field, $"{label} may be at most {max.ToString(CultureInfo.InvariantCulture)} characters; it has {value.Length.ToString(CultureInfo.InvariantCulture)}."));
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiLine && c == '\n'))
            {
                errors.Add(new RuleViolation(field, $"{label} may not contain control characters."));
                break;
            }
        }
    }
}
