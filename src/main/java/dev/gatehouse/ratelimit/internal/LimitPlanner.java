package dev.gatehouse.ratelimit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.platform.secrets.Digests;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.ratelimit.RateLimitProperties;
import dev.gatehouse.ratelimit.store.Bandwidth;
import dev.gatehouse.ratelimit.store.BucketSpec;

/**
 * Which layers apply to a request. Every request passes {@code global}. An authenticated one then
 * passes its organization ({@code org}: the organization's tier, capacities × {@code org-multiplier})
 * and its principal ({@code user} or {@code key}: the principal's tier); an anonymous one, or one
 * whose credentials were refused, passes its client IP ({@code ip}: the {@code anonymous} tier).
 * A request to an endpoint group also passes that group's bucket for the same caller, and a login
 * the bucket of the account it targets ({@code login.account}, the email in any case).
 * Organization overrides apply through {@link OrganizationLimits}.
 */
final class LimitPlanner {

    static final String GLOBAL = "global";
    static final String IP = "ip";
    static final String LOGIN_ACCOUNT = "login.account";

    private final RateLimitProperties properties;
    private final Tiers tiers;

    LimitPlanner(RateLimitProperties properties, Tiers tiers) {
        this.properties = properties;
        this.tiers = tiers;
    }

    LimitPlan forPrincipal(AuthenticatedPrincipal principal, String method, String path, @Nullable String loginAccount) {
        OrganizationLimits org = tiers.organization(principal.orgId());
        String tier = tiers.tierOf(principal, org);
        String kind = principal.apiKeyId() != null ? "key" : "user";
        String identity = kind + ":" + (principal.apiKeyId() != null ? principal.apiKeyId() : principal.userId());
        List<LimitPlan.Layer> layers = new ArrayList<>();
        layers.add(global());
        layers.add(layer(OrganizationLimits.ORG, "org:" + principal.orgId(),
                org.apply(OrganizationLimits.ORG, scaled(properties.tier(org.tier()), properties.orgMultiplier()))));
        layers.add(layer(kind, identity, org.apply(OrganizationLimits.PRINCIPAL, properties.tier(tier))));
        EndpointGroup group = EndpointGroup.of(method, path);
        if (group != null) {
            layers.add(layer(group.layer(), group.layer() + ":" + identity,
                    org.apply(group.layer(), group.bandwidths(properties.groups()))));
        }
        addLoginAccount(layers, group, loginAccount);
        return new LimitPlan(identity, tier, layers, principal);
    }

    LimitPlan forAnonymous(String ip, String method, String path, @Nullable String loginAccount) {
        String identity = IP + ":" + ip;
        List<LimitPlan.Layer> layers = new ArrayList<>();
        layers.add(global());
        layers.add(layer(IP, identity, properties.tier(RateLimitProperties.ANONYMOUS)));
        EndpointGroup group = EndpointGroup.of(method, path);
        if (group != null) {
            layers.add(layer(group.layer(), group.layer() + ":" + identity, group.bandwidths(properties.groups())));
        }
        addLoginAccount(layers, group, loginAccount);
        return new LimitPlan(identity, RateLimitProperties.ANONYMOUS, layers, null);
    }

    /** Per target account, whoever asks: a bearer token of one's own does not lift another account's limit. */
    private void addLoginAccount(List<LimitPlan.Layer> layers, @Nullable EndpointGroup group, @Nullable String account) {
        if (group == EndpointGroup.LOGIN && account != null) {
            layers.add(layer(LOGIN_ACCOUNT, LOGIN_ACCOUNT + ":" + Digests.sha256Hex(account.strip().toLowerCase(Locale.ROOT)),
                    properties.groups().loginAccount()));
        }
    }

    /** A request that authentication refused: it counts against its client IP like an anonymous one. */
    LimitPlan forRefusedCredentials(String ip) {
        String identity = IP + ":" + ip;
        return new LimitPlan(identity, RateLimitProperties.ANONYMOUS,
                List.of(global(), layer(IP, identity, properties.tier(RateLimitProperties.ANONYMOUS))), null);
    }

    private LimitPlan.Layer global() {
        return layer(GLOBAL, GLOBAL, properties.global());
    }

    private static LimitPlan.Layer layer(String name, String key, List<Bandwidth> bandwidths) {
        return new LimitPlan.Layer(name, new BucketSpec(key, bandwidths));
    }

    private static List<Bandwidth> scaled(List<Bandwidth> bandwidths, int factor) {
        return bandwidths.stream().map(b -> new Bandwidth(Math.multiplyExact(b.capacity(), factor), b.period())).toList();
    }
}
