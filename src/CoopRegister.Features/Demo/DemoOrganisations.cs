using System.Globalization;

namespace CoopRegister.Features.Demo;

/// <summary>
/// The organisations that hold shares in a labour-movement society (domain rule 11): union branches, trades councils
/// and other unincorporated bodies through a nominee; companies through a representative; other registered societies.
/// Names are built from patterns and towns, so that they look like the real thing without naming a real body.
/// </summary>
internal static class DemoOrganisations
{
    private static readonly string[] UniteRegions =
        ["North West", "Yorkshire and Humber", "London and Eastern", "West Midlands", "East Midlands", "South East", "South West", "Wales", "Scotland", "North East", "Ireland"];

    private static readonly string[] Miners = ["Durham", "Yorkshire", "Nottinghamshire", "South Wales", "Scotland", "Northumberland"];

    /// <summary>Towns of the old coalfields, where a miners' welfare is a society of long standing.</summary>
    private static readonly HashSet<string> CoalTowns = new(StringComparer.Ordinal)
    {
        "Barnsley", "Doncaster", "Rotherham", "Durham", "Wakefield", "Wigan", "Stoke-on-Trent", "Nottingham", "Sunderland", "Gateshead",
        "Merthyr Tydfil", "Pontypridd", "Aberdare", "Llanelli", "Kirkcaldy", "Motherwell", "Ayr",
    };

    /// <summary>The body a nominee acts for, in the town where the nominee lives.</summary>
    public static string UnincorporatedBody(Random random, Town town)
    {
        var t = town.Name;
        var n = random.Next(1, 1000).ToString("000", CultureInfo.InvariantCulture);
        return random.Next(24) switch
        {
            0 or 1 or 2 => $"Unite {UniteRegions[random.Next(UniteRegions.Length)]} Region Branch {n}",
            3 or 4 => $"UNISON {t} {Pick(random, "City", "Health", "Local Government", "Community", "Universities")} Branch",
            5 or 6 => $"GMB {t} {Pick(random, "General", "Public Services", "Engineering", "Care Workers")} Branch",
            7 => $"RMT {t} {Pick(random, "No. 1", "Central", "Engineering", "Track")} Branch",
            8 => $"CWU {t} {Pick(random, "Amalgamated", "Postal", "Clerical")} Branch",
            9 => $"NEU {t} District",
            10 => $"UCU University of {t} Branch",
            11 => $"PCS {t} {Pick(random, "DWP", "HMRC", "Land Registry", "Courts")} Branch",
            12 => $"ASLEF {t} Branch",
            13 => $"BFAWU {t} Branch",
            14 => $"NUM {Pick(random, Miners)} Area",
            15 => $"Usdaw {t} {Pick(random, "Retail", "Distribution", "Co-op")} Branch",
            16 => town.Nation == Nation.Scotland ? $"EIS {t} Local Association" : $"NUJ {t} Branch",
            17 => town.Nation == Nation.NorthernIreland ? $"NIPSA {t} Branch" : $"FBU {t} Brigade Committee",
            18 or 19 => town.Nation == Nation.Wales && town.OtherName is { } cy && cy != t
                ? $"{t} Trades Council / Cyngor Undebau Llafur {cy}"
                : $"{t} {Pick(random, "Trades Union Council", "and District Trades Council")}",
            20 => $"{t} {Pick(random, "Pensioners' Association", "Tenants' Federation", "Unemployed Workers' Centre")}",
            21 => $"{t} Readers' and Supporters' Group",
            22 => $"{t} {Pick(random, "Constituency Labour Party", "Co-operative Party Branch", "Peace Council")}",
            _ => $"Unite Community {t}",
        };
    }

    /// <summary>A company that holds shares in its own name (a body corporate), with the register number it would have.</summary>
    public static (string Name, string Number) Company(Random random, Town town, string surname)
    {
        var name = random.Next(8) switch
        {
            0 => $"{surname} & {Pick(random, "Sons", "Daughters", "Partners")} Printers Ltd",
            1 => $"{town.Name} Radical Bookshop Limited",
            2 => $"{Pick(random, "Red", "Rising", "New", "Common", "Spark")} {Pick(random, "Kite", "Star", "Dawn", "Ground", "Press")} Books Ltd",
            3 => $"{town.Name} Trades Hall Limited",
            4 => $"{town.Name} Community Energy CIC",
            5 => $"{surname} Building Services Ltd",
            6 => $"{Pick(random, "Unity", "Solidarity", "Fraternity", "Commonweal")} Print Limited",
            _ => $"{town.Name} Labour Club Limited",
        };
        var number = town.Nation switch
        {
            Nation.Scotland => "SC" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            Nation.NorthernIreland => "NI" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            _ => random.Next(1_000_000, 14_000_000).ToString("00000000", CultureInfo.InvariantCulture),
        };
        return (name, number);
    }

    /// <summary>Another registered society (exempt from the individual cap, Act s.24), with an FCA mutuals register number.</summary>
    public static (string Name, string Number) Society(Random random, Town town)
    {
        string name;
        if (town.Nation == Nation.Wales && random.Next(3) == 0)
        {
            var cy = town.OtherName ?? town.Name;
            name = random.Next(3) switch
            {
                0 => "Ŵyn Mynydd Cymru Cyfyngedig",
                1 => $"Cwmni Cydweithredol {cy} Cyfyngedig",
                _ => $"Tŷ Cymunedol {cy} Cyf",
            };
        }
        else
        {
            name = random.Next(9) switch
            {
                0 => $"{town.Name} Workers' Co-operative Limited",
                1 => $"{town.Name} Housing Co-operative Limited",
                2 => $"{town.Name} Wholefoods Co-operative Limited",
                3 => $"{town.Name} Credit Union Limited",
                4 => $"{town.Name} Co-operative Society Limited",
                5 when CoalTowns.Contains(town.Name) => $"{town.Name} Miners' Welfare Limited",
                5 => $"{town.Name} Wholefoods Co-operative Limited",
                6 => $"{town.Name} Labour Club and Institute Limited",
                7 => $"{town.Name} Community Pub Limited",
                _ => $"{town.Name} Community Land Trust Limited",
            };
        }

        var number = random.Next(3) switch
        {
            0 => random.Next(10_000, 32_000).ToString(CultureInfo.InvariantCulture) + "R",
            1 => "IP" + random.Next(10_000, 32_000).ToString(CultureInfo.InvariantCulture) + "R",
            _ => "RS" + random.Next(1, 9_999).ToString("000000", CultureInfo.InvariantCulture),
        };
        return (name, number);
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
