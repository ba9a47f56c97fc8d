package io.metallb.config;

import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.CommunityAlias;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Community CRs to an alias map (spec §3.7, §4.6). */
final class CommunityAliases {
  private CommunityAliases() {}

  /** Adds the aliases of {@code cr} to {@code aliases}; alias names are unique across all CRs. */
  static void add(Community cr, Map<String, BgpCommunity> aliases) throws ParseFailure {
    List<CommunityAlias> entries = cr.getSpec() == null ? List.of() : GoLists.of(cr.getSpec().communities(), () -> new CommunityAlias("", ""));
    for (int i = 0; i < entries.size(); i++) {
      CommunityAlias alias = entries.get(i);
      String field = "spec.communities[" + i + "]";
      BgpCommunity.Parsed parsed = BgpCommunity.parse(PeerParser.nz(alias.value()));
      if (parsed.error() != null) {
        throw new ParseFailure(field + ".value", "parsing community " + GoFormat.quote(alias.name()) + ": " + parsed.error().message());
      }
      if (aliases.containsKey(PeerParser.nz(alias.name()))) {
        throw new ParseFailure(field + ".name", "duplicate definition of community " + GoFormat.quote(alias.name()));
      }
      aliases.put(PeerParser.nz(alias.name()), parsed.community());
    }
  }

  static Map<String, BgpCommunity> empty() {
    return new TreeMap<>();
  }
}
