namespace CoopRegister.Features.Demo;

internal enum Nation
{
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

/// <summary>
/// A town, its postcode districts (real outward codes of the town, so that the postcode and the town agree), the Welsh
/// or Gaelic form of its name where people write that, the localities people put on a line of their own, and the
/// start of a fictional landline number (Ofcom's ranges reserved for drama, so no generated number rings anyone).
/// </summary>
internal sealed record Town(string Name, Nation Nation, int Weight, string[] Districts, string Phone, string? OtherName = null, string[]? Localities = null);

/// <summary>A place abroad where a few members live: country, town line, a street, and how its postal codes look.</summary>
internal sealed record AbroadPlace(string Country, string Town, string[] Streets, Func<Random, string> PostalCode);

/// <summary>UK towns weighted roughly by where a readers' co-operative's members live, with their streets.</summary>
internal static class DemoPlaces
{
    /// <summary>No-area drama numbers (Ofcom: 01632 960000–960999).</summary>
    private const string DramaLandline = "01632 960";

    /// <summary>Letters Royal Mail uses in the inward code (never C, I, K, M, O or V).</summary>
    public const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static readonly Town[] Towns =
    [
        new("London", Nation.England, 220,
            ["E1", "E2", "E3", "E5", "E8", "E9", "E17", "E1W", "N1", "N4", "N7", "N15", "N16", "N17", "N19", "NW1", "NW5", "NW6", "NW10", "SE1", "SE4",
             "SE5", "SE8", "SE13", "SE15", "SE22", "SW2", "SW4", "SW8", "SW9", "SW11", "SW17", "W2", "W3", "W6", "W10", "W12", "WC1X", "EC1V"],
            "020 7946 0", null,
            ["Bethnal Green", "Hackney", "Stoke Newington", "Peckham", "Brixton", "Deptford", "Walthamstow", "Tottenham", "Kentish Town", "Lewisham",
             "Hammersmith", "Islington", "Bow", "Stockwell", "Battersea", "Tooting", "Willesden"]),
        new("Manchester", Nation.England, 60, ["M1", "M4", "M8", "M13", "M14", "M16", "M19", "M20", "M21", "M40"], "0161 496 0", null,
            ["Levenshulme", "Rusholme", "Chorlton", "Moss Side", "Ancoats", "Gorton", "Longsight", "Didsbury"]),
        new("Salford", Nation.England, 15, ["M5", "M6", "M7", "M30"], "0161 496 0", null, ["Pendleton", "Eccles", "Ordsall"]),
        new("Birmingham", Nation.England, 50, ["B5", "B10", "B11", "B12", "B13", "B16", "B18", "B21", "B29", "B30"], "0121 496 0", null,
            ["Balsall Heath", "Sparkbrook", "Handsworth", "Selly Oak", "Kings Heath", "Moseley", "Small Heath"]),
        new("Liverpool", Nation.England, 40, ["L4", "L6", "L7", "L8", "L13", "L15", "L17", "L18", "L25"], "0151 496 0", null,
            ["Toxteth", "Anfield", "Walton", "Wavertree", "Everton", "Garston"]),
        new("Leeds", Nation.England, 35, ["LS2", "LS4", "LS6", "LS7", "LS8", "LS9", "LS11", "LS12"], "0113 496 0", null,
            ["Headingley", "Chapeltown", "Harehills", "Armley", "Beeston", "Burley"]),
        new("Sheffield", Nation.England, 35, ["S1", "S2", "S6", "S7", "S8", "S10", "S11"], "0114 496 0", null,
            ["Hillsborough", "Sharrow", "Heeley", "Crookes", "Walkley", "Attercliffe"]),
        new("Bristol", Nation.England, 30, ["BS1", "BS2", "BS3", "BS5", "BS6", "BS7", "BS16"], "0117 496 0", null,
            ["Easton", "St Pauls", "Bedminster", "Montpelier", "Fishponds", "Southville"]),
        new("Newcastle upon Tyne", Nation.England, 28, ["NE1", "NE2", "NE4", "NE6", "NE15"], "0191 498 0", null,
            ["Heaton", "Byker", "Jesmond", "Benwell", "Elswick", "Walker"]),
        new("Gateshead", Nation.England, 8, ["NE8", "NE9", "NE10"], "0191 498 0"),
        new("Sunderland", Nation.England, 10, ["SR1", "SR2", "SR4", "SR5"], "0191 498 0"),
        new("Nottingham", Nation.England, 20, ["NG1", "NG3", "NG5", "NG7", "NG9"], "0115 496 0", null, ["Sneinton", "Hyson Green", "Lenton", "Beeston"]),
        new("Leicester", Nation.England, 16, ["LE1", "LE2", "LE3", "LE4", "LE5"], "0116 496 0", null, ["Belgrave", "Highfields", "Evington"]),
        new("Coventry", Nation.England, 14, ["CV1", "CV2", "CV3", "CV5", "CV6"], DramaLandline),
        new("Bradford", Nation.England, 14, ["BD1", "BD3", "BD5", "BD7", "BD8", "BD9"], DramaLandline, null, ["Manningham", "Little Horton", "Thornbury"]),
        new("Hull", Nation.England, 12, ["HU1", "HU3", "HU5", "HU8", "HU9"], DramaLandline),
        new("Preston", Nation.England, 8, ["PR1", "PR2"], DramaLandline),
        new("Blackburn", Nation.England, 6, ["BB1", "BB2"], DramaLandline),
        new("Bolton", Nation.England, 8, ["BL1", "BL3"], DramaLandline),
        new("Oldham", Nation.England, 8, ["OL1", "OL4", "OL8"], DramaLandline),
        new("Rochdale", Nation.England, 6, ["OL11", "OL12", "OL16"], DramaLandline),
        new("Wigan", Nation.England, 6, ["WN1", "WN5"], DramaLandline),
        new("Stoke-on-Trent", Nation.England, 10, ["ST1", "ST3", "ST4", "ST6"], DramaLandline, null, ["Hanley", "Burslem", "Longton", "Tunstall"]),
        new("Barnsley", Nation.England, 6, ["S70", "S71", "S75"], DramaLandline),
        new("Doncaster", Nation.England, 8, ["DN1", "DN2", "DN4"], DramaLandline),
        new("Rotherham", Nation.England, 6, ["S60", "S65"], DramaLandline),
        new("Durham", Nation.England, 6, ["DH1"], DramaLandline),
        new("Middlesbrough", Nation.England, 8, ["TS1", "TS3", "TS5"], DramaLandline),
        new("York", Nation.England, 7, ["YO1", "YO10", "YO24", "YO31"], DramaLandline),
        new("Norwich", Nation.England, 8, ["NR1", "NR2", "NR3"], DramaLandline),
        new("Ipswich", Nation.England, 5, ["IP1", "IP4"], DramaLandline),
        new("Brighton", Nation.England, 14, ["BN1", "BN2", "BN3"], DramaLandline, null, ["Hove", "Kemptown", "Hanover"]),
        new("Southampton", Nation.England, 10, ["SO14", "SO15", "SO17"], DramaLandline),
        new("Portsmouth", Nation.England, 8, ["PO1", "PO4", "PO5"], DramaLandline, null, ["Southsea", "Fratton"]),
        new("Plymouth", Nation.England, 9, ["PL1", "PL4", "PL6"], DramaLandline, null, ["Devonport", "Stonehouse"]),
        new("Exeter", Nation.England, 6, ["EX1", "EX2", "EX4"], DramaLandline),
        new("Oxford", Nation.England, 8, ["OX1", "OX3", "OX4"], DramaLandline, null, ["Cowley", "Headington", "Jericho"]),
        new("Cambridge", Nation.England, 8, ["CB1", "CB2", "CB4"], DramaLandline),
        new("Reading", Nation.England, 6, ["RG1", "RG30"], "0118 496 0"),
        new("Luton", Nation.England, 5, ["LU1", "LU2"], DramaLandline),
        new("Northampton", Nation.England, 6, ["NN1", "NN3"], DramaLandline),
        new("Derby", Nation.England, 8, ["DE1", "DE22", "DE23", "DE24"], DramaLandline),
        new("Carlisle", Nation.England, 4, ["CA1", "CA2"], DramaLandline),
        new("Barrow-in-Furness", Nation.England, 3, ["LA14"], DramaLandline),
        new("Hebden Bridge", Nation.England, 2, ["HX7"], DramaLandline),
        new("Huddersfield", Nation.England, 7, ["HD1", "HD2", "HD3"], DramaLandline),
        new("Wakefield", Nation.England, 6, ["WF1", "WF2"], DramaLandline),
        new("Cardiff", Nation.Wales, 28, ["CF10", "CF11", "CF14", "CF23", "CF24", "CF5"], "029 2018 0", "Caerdydd",
            ["Grangetown", "Splott", "Cathays", "Canton", "Adamsdown", "Butetown", "Treganna"]),
        new("Swansea", Nation.Wales, 14, ["SA1", "SA2", "SA5", "SA6"], DramaLandline, "Abertawe", ["Sketty", "Townhill", "Morriston", "Treforys"]),
        new("Newport", Nation.Wales, 9, ["NP19", "NP20"], DramaLandline, "Casnewydd"),
        new("Merthyr Tydfil", Nation.Wales, 5, ["CF47", "CF48"], DramaLandline, "Merthyr Tudful"),
        new("Pontypridd", Nation.Wales, 4, ["CF37"], DramaLandline, "Pontypridd", ["Trefforest", "Cilfynydd"]),
        new("Aberdare", Nation.Wales, 3, ["CF44"], DramaLandline, "Aberdâr"),
        new("Wrexham", Nation.Wales, 5, ["LL11", "LL12", "LL13"], DramaLandline, "Wrecsam"),
        new("Bangor", Nation.Wales, 4, ["LL57"], DramaLandline, "Bangor"),
        new("Caernarfon", Nation.Wales, 3, ["LL55"], DramaLandline, "Caernarfon"),
        new("Aberystwyth", Nation.Wales, 4, ["SY23"], DramaLandline, "Aberystwyth", ["Penparcau", "Llanbadarn Fawr"]),
        new("Llanelli", Nation.Wales, 4, ["SA14", "SA15"], DramaLandline, "Llanelli"),
        new("Blaenau Ffestiniog", Nation.Wales, 2, ["LL41"], DramaLandline, "Blaenau Ffestiniog"),
        new("Carmarthen", Nation.Wales, 3, ["SA31"], DramaLandline, "Caerfyrddin"),
        new("Glasgow", Nation.Scotland, 45, ["G1", "G3", "G11", "G12", "G13", "G20", "G31", "G32", "G40", "G41", "G42", "G51"], "0141 496 0", "Glaschu",
            ["Partick", "Govan", "Dennistoun", "Maryhill", "Govanhill", "Bridgeton", "Shawlands", "Pollokshields"]),
        new("Edinburgh", Nation.Scotland, 30, ["EH1", "EH3", "EH6", "EH7", "EH8", "EH9", "EH11", "EH12"], "0131 496 0", "Dùn Èideann",
            ["Leith", "Gorgie", "Dalry", "Newington", "Abbeyhill", "Marchmont"]),
        new("Dundee", Nation.Scotland, 10, ["DD1", "DD2", "DD3", "DD4"], DramaLandline, "Dùn Dè", ["Lochee", "Stobswell"]),
        new("Aberdeen", Nation.Scotland, 10, ["AB10", "AB11", "AB24", "AB25"], DramaLandline, "Obar Dheathain", ["Torry", "Old Aberdeen"]),
        new("Paisley", Nation.Scotland, 5, ["PA1", "PA2", "PA3"], DramaLandline),
        new("Motherwell", Nation.Scotland, 4, ["ML1"], DramaLandline),
        new("Kirkcaldy", Nation.Scotland, 4, ["KY1", "KY2"], DramaLandline),
        new("Inverness", Nation.Scotland, 4, ["IV1", "IV2", "IV3"], DramaLandline, "Inbhir Nis"),
        new("Stornoway", Nation.Scotland, 1, ["HS1"], DramaLandline, "Steòrnabhagh"),
        new("Clydebank", Nation.Scotland, 3, ["G81"], DramaLandline),
        new("Ayr", Nation.Scotland, 3, ["KA7", "KA8"], DramaLandline),
        new("Belfast", Nation.NorthernIreland, 16, ["BT1", "BT2", "BT5", "BT6", "BT7", "BT9", "BT11", "BT12", "BT13", "BT14", "BT15"], "028 9649 6", "Béal Feirste",
            ["Falls", "Ormeau", "Ballyhackamore", "Andersonstown", "Ardoyne"]),
        new("Derry", Nation.NorthernIreland, 5, ["BT47", "BT48"], DramaLandline, "Doire", ["Bogside", "Creggan", "Waterside"]),
        new("Newry", Nation.NorthernIreland, 3, ["BT34", "BT35"], DramaLandline, "An tIúr"),
        new("Lisburn", Nation.NorthernIreland, 3, ["BT27", "BT28"], DramaLandline),
    ];

    public static readonly int TotalWeight = Towns.Sum(t => t.Weight);

    public static readonly string[] EnglishStreets =
    [
        "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "Queen Street", "King Street", "Albert Road",
        "Green Lane", "Manor Road", "Grove Road", "New Road", "The Crescent", "Chapel Street", "Broadway", "Elm Grove", "Oak Avenue",
        "Springfield Road", "Richmond Terrace", "Cromwell Road", "Nelson Street", "Co-operative Street", "Union Street", "Peel Street",
        "Tolpuddle Way", "Keir Hardie Way", "Pankhurst Close", "Wharf Street", "Canal Side", "Railway Cottages", "Miners' Row", "Weavers' Close",
        "Foundry Lane", "Orchard Way", "Meadow View", "Beech Grove", "St John's Road", "St Mary's Close", "Jubilee Terrace", "Chartist Way",
        "Lansbury Gardens", "Rochdale Road", "Market Street", "Bridge Street", "Water Lane", "Coronation Street", "Paradise Row", "Brunswick Street",
    ];

    public static readonly string[] WelshStreets =
    [
        "Heol y Dŵr", "Stryd Fawr", "Ffordd yr Orsaf", "Heol yr Eglwys", "Lôn Las", "Maes y Dŵr", "Ffordd Glan-y-Môr", "Rhodfa'r Parc",
        "Heol Maes-y-Dre", "Stryd y Capel", "Heol y Tŵr", "Lôn y Felin", "Ffordd Pen-y-Bryn", "Cae Tŷ Mawr", "Stryd Fawr", "Commercial Street",
        "Station Terrace", "Bute Street", "Tŷ Glas Road", "Glan-y-Dŵr Terrace", "Heol Siôn", "Stryd Pen-y-Graig",
    ];

    public static readonly string[] WelshHouseNames = ["Tŷ Gwyn", "Tŷ Newydd", "Bryn Awel", "Hafod", "Glan-yr-Afon", "Tŷ'r Ysgol", "Bryn Tŵr", "Llys Meirion", "Pen-y-Bont", "Tŷ Capel"];

    public static readonly string[] ScottishStreets =
    [
        "Great Western Road", "Dumbarton Road", "Byres Road", "Leith Walk", "Easter Road", "Union Street", "Maryhill Road", "Argyle Street",
        "Duke Street", "Gorgie Road", "Victoria Road", "Main Street", "Kirk Wynd", "Cowgate", "Craigie Street", "Bruce Street", "Wallace Street",
        "Burns Road", "Allison Street", "Paisley Road West", "Keir Hardie Street", "Calton Road",
    ];

    public static readonly string[] NorthernIrishStreets =
    [
        "Falls Road", "Ormeau Road", "Lisburn Road", "Antrim Road", "Springfield Road", "Donegall Road", "Shankill Road", "Malone Road",
        "Cregagh Road", "Ravenhill Road", "Bóthar na bhFál", "Strand Road", "Glenshane Road", "Rossville Street",
    ];

    public static readonly string[] HouseNames = ["Rose Cottage", "The Old Forge", "Ivy House", "Orchard House", "The Coach House", "Millbrook", "Hillside", "Fernlea", "The Old Co-op"];

    public static readonly string[] FlatBlocks = ["Keir Hardie House", "Lansbury House", "Tom Mann Court", "Ellen Wilkinson House", "Bevan Court", "Peterloo Court", "Jarrow House", "Maxton House"];

    public static readonly AbroadPlace[] Abroad =
    [
        new("Ireland", "Dublin 8", ["Cork Street", "Thomas Street", "Bóthar an Chorcaigh"], r => "D08 " + EircodeTail(r)),
        new("Ireland", "Dublin 6", ["Upper Rathmines Road", "Leinster Road"], r => "D06 " + EircodeTail(r)),
        new("Ireland", "Gaillimh", ["Bóthar na Trá", "Sráid na Siopaí"], r => "H91 " + EircodeTail(r)),
        new("Ireland", "Cork", ["Barrack Street", "Shandon Street"], r => "T12 " + EircodeTail(r)),
        new("France", "75011 Paris", ["rue Oberkampf", "boulevard Voltaire"], _ => "75011"),
        new("Spain", "08012 Barcelona", ["Carrer de Verdi", "Carrer del Torrent de l'Olla"], _ => "08012"),
        new("Spain", "28012 Madrid", ["Calle de Embajadores", "Calle de Lavapiés"], _ => "28012"),
        new("Germany", "10997 Berlin", ["Oranienstraße", "Wiener Straße"], _ => "10997"),
        new("Netherlands", "Amsterdam", ["Prinsengracht", "Bloemgracht"], r => "1016 " + (char)('A' + r.Next(26)) + (char)('A' + r.Next(26))),
        new("United States", "Brooklyn, NY", ["7th Avenue", "Atlantic Avenue"], _ => "11215"),
        new("Australia", "Fitzroy VIC", ["Brunswick Street", "Gertrude Street"], _ => "3065"),
        new("Canada", "Toronto ON", ["Queen Street West", "Spadina Avenue"], _ => "M5V 2T6"),
    ];

    public static string[] StreetsOf(Town town) => town.Nation switch
    {
        Nation.Wales => WelshStreets,
        Nation.Scotland => ScottishStreets,
        Nation.NorthernIreland => NorthernIrishStreets,
        _ => EnglishStreets,
    };

    /// <summary>The four characters after an Eircode's routing key (letters and digits, no vowels that spell words).</summary>
    private static string EircodeTail(Random r)
    {
        const string chars = "0123456789ACDEFHKNPRTVWXY";
        return string.Create(4, r, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[random.Next(chars.Length)];
            }
        });
    }
}
