using CoopRegister.Domain.Members;

namespace CoopRegister.Domain.Tests.Members;

public sealed class SearchKeysTests
{
    [Theory]
    [InlineData("Zoë Ó Briain", "zoe o briain")]
    [InlineData("Łukasz Żółkiewski", "lukasz zolkiewski")]
    [InlineData("Ngozi Ọkọnkwọ", "ngozi okonkwo")]
    [InlineData("Siân  Llewellyn-Jones", "sian llewellyn jones")]
    [InlineData("Ŵyn ap Huw", "wyn ap huw")]
    [InlineData("Søren Kierkegaard", "soren kierkegaard")]
    [InlineData("Straße", "strasse")]
    public void Names_fold_to_lower_case_letters_without_accents(string name, string key) => Assert.Equal(key, SearchKeys.Name(name));

    [Fact]
    public void A_prefix_range_ends_just_after_every_key_that_starts_with_it()
    {
        Assert.Equal("brj", SearchKeys.PrefixEnd("bri"));
        Assert.True(string.CompareOrdinal("briain", "brj") < 0);
        Assert.True(string.CompareOrdinal("bri", "bri") >= 0);
    }

    [Fact]
    public void The_words_after_the_first_find_family_names_of_several_words()
    {
        Assert.Equal("o briain", SearchKeys.AfterFirstWord("zoe o briain"));
        Assert.Equal("briain", SearchKeys.LastWord("zoe o briain"));
        Assert.Equal("", SearchKeys.AfterFirstWord("prince"));
    }
}
