using Es.Core.Noise;
using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class CandidateSeedsTests
{
    private static readonly NoiseTable Table = new(10_000, 4);

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 0, -1)]
    [InlineData(6, 3, 1)]
    [InlineData(7, 3, -1)]
    public void CandidateName_Index_PairAndSign(int index, int pair, int sign)
    {
        var name = new CandidateName(5, index);
        Assert.Equal(pair, name.PairIndex);
        Assert.Equal(sign, name.Sign);
    }

    [Fact]
    public void NoiseOffsetAndEpisodeSeed_PairMembers_Shared()
    {
        var plus = new CandidateName(3, 8);
        var minus = new CandidateName(3, 9);
        Assert.Equal(CandidateSeeds.NoiseOffset(1, plus, Table, 100), CandidateSeeds.NoiseOffset(1, minus, Table, 100));
        Assert.Equal(CandidateSeeds.EpisodeSeed(1, plus, 2), CandidateSeeds.EpisodeSeed(1, minus, 2));
    }

    [Fact]
    public void NoiseOffset_AnyCandidate_DefinedBySeedMixerAndFits()
    {
        for (int index = 0; index < 200; index++)
        {
            var name = new CandidateName(7, index);
            int offset = CandidateSeeds.NoiseOffset(99, name, Table, 500);
            Assert.Equal(Table.SampleOffset(SeedMixer.Derive(99, 1, 7, index / 2), 500), offset);
            Assert.InRange(offset, 0, Table.Size - 500);
        }
    }

    [Fact]
    public void Seeds_DifferentStreamsAndNames_Differ()
    {
        var name = new CandidateName(2, 4);
        ulong[] seeds =
        [
            CandidateSeeds.EpisodeSeed(1, name, 0),
            CandidateSeeds.EpisodeSeed(1, name, 1),
            CandidateSeeds.EpisodeSeed(1, name with { Generation = 3 }, 0),
            CandidateSeeds.EpisodeSeed(1, name with { Index = 6 }, 0),
            CandidateSeeds.EpisodeSeed(2, name, 0),
            CandidateSeeds.EvaluationEpisodeSeed(1, 2, 0),
            CandidateSeeds.EvaluationEpisodeSeed(1, 2, 1),
        ];
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.Equal(SeedMixer.Derive(1, 2, 2, 2, 0), seeds[0]);
        Assert.Equal(SeedMixer.Derive(1, 3, 2, 0), seeds[5]);
    }
}
