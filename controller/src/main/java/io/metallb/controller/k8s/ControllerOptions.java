package io.metallb.controller.k8s;

import io.metallb.config.BgpType;

/**
 * How the controller runs (its flags and environment, spec §15.1).
 *
 * @param namespace MetalLB's namespace; its resources are the configuration
 * @param lbClass {@code --lb-class}: empty handles Services without a class only
 * @param mlSecretName {@code --ml-secret-name}: the memberlist Secret to create, or empty
 * @param deployment {@code --deployment}: owner of that Secret
 * @param podName {@code --pod-name}: owner of the ConfigurationState, or empty
 * @param reconcile false under {@code --webhook-mode=onlywebhook}: no Service or pool reconciling
 */
public record ControllerOptions(
    String namespace, String lbClass, BgpType bgpType, String mlSecretName, String deployment, String podName, boolean reconcile) {}
