package io.metallb.cli;

import io.metallb.controller.ControllerMain;
import io.metallb.lab.cli.LabCommand;
import io.metallb.speaker.SpeakerMain;
import picocli.CommandLine.Command;

/** {@code metallb}: tools for MetalLB configurations and the lab. */
@Command(
    name = "metallb",
    mixinStandardHelpOptions = true,
    version = "metallb-java 0.1.0",
    description = "MetalLB in Java: check and convert configurations, and run the lab.",
    subcommands = {ValidateCommand.class, PlanCommand.class, ConvertCommand.class, LabCommand.class, ControllerMain.class, SpeakerMain.class})
public final class MetalLbCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
