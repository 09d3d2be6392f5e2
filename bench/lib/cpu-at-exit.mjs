// Preloaded (`node --import`) into a measured child: prints the process's own CPU time on exit,
// the figure a shared machine does not inflate by making the child wait for a core.
process.on("exit", () => {
  const u = process.cpuUsage();
  process.stderr.write(`\nassay-bench-cpu-ms ${(u.user + u.system) / 1000}\n`);
});
