package io.metallb.lab.cli;

/** The router daemons {@code lab up --router} offers. */
public enum RouterChoice {
  /** FRR bgpd + bfdd. */
  frr,
  /** BIRD 2. */
  bird,
  /** GoBGP. */
  gobgp,
  /** No router daemon. */
  none
}
