using Es.Seed.Cli;

return await SeedCli.RunAsync(args, ConsoleOutput.System).ConfigureAwait(false);
