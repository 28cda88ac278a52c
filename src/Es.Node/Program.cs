using Es.Node.Cli;

return await NodeCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
