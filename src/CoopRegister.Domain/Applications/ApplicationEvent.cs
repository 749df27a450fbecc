namespace CoopRegister.Domain.Applications;

/// <summary>One dated step in an application's life, shown to the applicant and to the registrar.</summary>
public sealed class ApplicationEvent
{
    public const int WhatMax = 300;

    private ApplicationEvent()
    {
    }

    public long Id { get; private set; }
    public long ApplicationId { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>Who acted: "you" for the applicant, otherwise the staff member's name.</summary>
    public string By { get; private set; } = "";

    public string What { get; private set; } = "";

    internal static ApplicationEvent Create(DateTime at, string by, string what) =>
        new() { At = at, By = by.Length <= 256 ? by : by[..256], What = what.Length <= WhatMax ? what : what[..WhatMax] };
}
