namespace CoopRegister.Domain.Society;

/// <summary>Where the society is registered; it decides the statutory cap on an individual's withdrawable shares.</summary>
public enum Jurisdiction
{
    /// <summary>England, Wales and Scotland: Co-operative and Community Benefit Societies Act 2014.</summary>
    GreatBritain,

    /// <summary>Northern Ireland: the 1969 Act as amended, whose cap is £20,000.</summary>
    NorthernIreland,
}
