package dev.baton.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The search benchmark's corpus: {@code size} sales-enablement assets made from a seed, so every side of the benchmark
 * (Baton, the in-process searcher, Solr, the bare IndexWriter) sees exactly the same documents. Asset {@code i} is
 * made from its own random stream, so any asset can be made again on its own, in any order, on any thread; nothing
 * holds the corpus in memory.
 *
 * <p>What an asset has: a title (industry, topic, kind of asset, sometimes a customer), a description of one to three
 * sentences, 0 to 4 tags, a content type and 1 or 2 values of each facet of Baton's default taxonomy ({@code
 * V2__taxonomy.sql}), an owner of 40, a language (mostly English), a status (mostly published), sometimes an expiry
 * date, an update time over the last four years (recent ones more often), a usage count, and a body of extracted text
 * whose length in words is log-normal (median {@value #MEDIAN_WORDS}, from {@value #MIN_WORDS} to {@value
 * #MAX_WORDS}): sentences of sales-enablement vocabulary (a word in six or seven, plus the asset's own industry and
 * products) and Zipf-distributed filler from a lexicon of common English words followed by a long tail of
 * made-up ones.
 */
final class SearchCorpus {

    static final int MEDIAN_WORDS = 600;
    static final int MIN_WORDS = 200;
    static final int MAX_WORDS = 40_000;
    static final int OWNERS = 40;

    /** The default taxonomy (facet key to value key to label), as V2__taxonomy.sql seeds it. */
    static final Map<String, Map<String, String>> TAXONOMY = taxonomy();

    private static final String[] FACETS = {"buyer_stage", "funnel_stage", "persona", "industry", "product", "region"};

    private static final String[][] CONTENT_TYPES = {
        // key, label, title noun, extension, media type, weight
        {"case-study", "Case study", "case study", "pdf", "application/pdf", "18"},
        {"battlecard", "Battlecard", "battlecard", "pdf", "application/pdf", "8"},
        {"deck", "Deck", "deck", "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", "16"},
        {"one-pager", "One-pager", "one-pager", "pdf", "application/pdf", "14"},
        {"roi-tool", "ROI tool", "ROI calculator", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "5"},
        {"whitepaper", "Whitepaper", "whitepaper", "pdf", "application/pdf", "12"},
        {"pricing-sheet", "Pricing sheet", "pricing sheet", "pdf", "application/pdf", "6"},
        {"onboarding-guide", "Onboarding guide", "onboarding guide", "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "9"},
        {"video", "Video", "video transcript", "txt", "text/plain", "12"},
    };

    private static final String[] TOPICS = {
        "security review", "pricing and packaging", "return on investment", "total cost of ownership",
        "implementation plan", "data migration", "integration overview", "executive briefing", "product overview",
        "competitive comparison", "objection handling", "discovery questions", "renewal playbook",
        "quarterly business review", "customer onboarding", "compliance and GDPR", "SOC 2 controls",
        "analytics dashboards", "CRM integration", "marketing automation", "pipeline forecasting",
        "sales qualified lead handoff", "proof of concept", "request for proposal answers", "mobile app launch",
        "customer success story", "reference architecture", "single sign-on setup", "API quick start",
        "release highlights", "partner programme", "expansion opportunities", "churn reduction", "value realisation",
        "time to value", "risk assessment", "procurement checklist", "contract terms", "service level agreement",
        "data residency",
    };

    private static final String[] CUSTOMERS = {
        "Acme", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Financial", "Hooli", "Vandelay",
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware", "Adatum", "Bluefin Bank",
        "Cedar Clinics", "Delta Retail", "Evergreen Schools",
    };

    private static final String[] TAGS = {
        "pricing", "security", "gdpr", "soc2", "roi", "competitive", "webinar", "launch", "partner", "enterprise",
        "smb", "mid-market", "renewal", "upsell", "onboarding", "demo", "analytics", "integration", "api", "mobile",
        "compliance", "healthcare", "banking", "retail", "manufacturing", "public-sector", "emea", "apac", "q1",
        "q2", "q3", "q4", "customer-story", "executive", "technical", "legal", "procurement", "benchmark", "report",
        "checklist", "template", "faq", "training", "certification", "migration", "sso", "dashboard", "forecast",
        "pipeline", "champion", "cfo", "cio", "ciso", "rfp", "poc", "qbr", "tco", "mql", "sla", "data-residency",
    };

    /** Domain words and phrases the body text is sprinkled with (a word in six or seven). */
    private static final String[] DOMAIN = (
            "pricing|price|discount|license|subscription|renewal|contract|procurement|budget|return on investment|"
            + "ROI|total cost of ownership|TCO|payback period|business case|security|encryption|compliance|GDPR|"
            + "SOC 2|audit|risk|single sign-on|access control|data residency|integration|API|connector|CRM|"
            + "marketing automation|data warehouse|analytics|dashboard|report|forecast|pipeline|quota|territory|"
            + "marketing qualified lead|MQL|sales qualified lead|SQL|sales accepted lead|opportunity|champion|"
            + "economic buyer|technical evaluator|executive sponsor|end user|stakeholder|decision maker|onboarding|"
            + "implementation|migration|rollout|adoption|training|enablement|playbook|battlecard|competitor|"
            + "objection|differentiator|case study|customer story|testimonial|reference|proof of concept|POC|pilot|"
            + "request for proposal|RFP|quarterly business review|QBR|service level agreement|SLA|uptime|support|"
            + "escalation|customer success|churn|expansion|upsell|cross-sell|seats|workflow|automation|productivity|"
            + "time to value|outcome|revenue|margin|efficiency|scalability|performance|reliability|architecture|"
            + "deployment|cloud|on-premises|mobile|notification|permission|administrator|governance|policy|"
            + "presentation|slides|deck|webinar|video|demo|trial|negotiation|signature|legal review|vendor|"
            + "supplier|partner|reseller|marketplace|benchmark|survey|insight|strategy|roadmap|milestone|"
            + "stakeholder alignment|success plan|health score|net revenue retention|customer lifetime value").split("\\|");

    private static final Map<String, String[]> INDUSTRY_WORDS = Map.of(
            "financial-services", new String[] {"bank", "banking", "insurance", "insurer", "payments", "fintech",
                "lending", "wealth management", "regulator", "fraud"},
            "healthcare", new String[] {"healthcare", "hospital", "patient", "clinic", "clinician", "HIPAA",
                "payer", "life sciences", "care team", "electronic health record"},
            "manufacturing", new String[] {"manufacturing", "factory", "plant", "supply chain", "inventory",
                "production line", "supplier", "quality control", "logistics", "shop floor"},
            "retail", new String[] {"retail", "retailer", "store", "shopper", "ecommerce", "merchandising",
                "point of sale", "loyalty", "consumer brand", "omnichannel"},
            "technology", new String[] {"software", "SaaS", "developer", "platform team", "DevOps", "IT services",
                "hardware", "startup", "engineering", "product team"},
            "public-sector", new String[] {"government", "agency", "public sector", "school", "university",
                "non-profit", "citizen", "municipal", "education", "grant"});

    private static final Map<String, String[]> PRODUCT_WORDS = Map.of(
            "platform", new String[] {"platform", "core platform", "workspace", "content hub"},
            "analytics", new String[] {"analytics", "insights", "reporting", "dashboards"},
            "integrations", new String[] {"integrations", "connectors", "Salesforce", "HubSpot", "webhooks"});

    /** Common English words at the head of the filler lexicon (stop words included, as real text has them). */
    private static final String[] COMMON = (
            "the of and to a in is that for it as with was on be by this are or from at which an have not but has "
            + "they their can all we will one more new also been would there its about other into when time only "
            + "any some these so could than what may first then each use most over such after well through year "
            + "made our between both many where under how those very same while because during without same work "
            + "team teams company companies customer customers business people process data system systems service "
            + "services plan plans result results value support help need needs make makes way ways part number "
            + "group level program cost costs market change changes case day days month months week weeks report "
            + "question questions answer information project projects account accounts product products solution "
            + "solutions problem problems example leaders manager managers meeting meetings goal goals user users "
            + "across within every before against however still just even often much few since next last early "
            + "late high low large small long short clear simple strong fast better best good right own key main "
            + "show shows shown find found give given take taken keep kept start started run running build built "
            + "grow growth improve improved reduce reduced increase increased provide provides provided include "
            + "includes included create created manage managed measure measured deliver delivered review reviewed "
            + "choose chosen compare compared expect expected learn learned share shared track tracked").split(" ");

    private static final String[] SYLLABLES = (
            "ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ka ke ki ko ku la le li lo lu ma me mi mo "
            + "mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze "
            + "zi zo zu bar ber dor fen gal hin kor lan mer nor pel ran sel tor ven wil yar zen").split(" ");

    /** The filler lexicon: common words first, then made-up words; Zipf-distributed by rank. */
    private static final String[] LEXICON = lexicon(20_000);

    private static final double[] ZIPF = zipf(LEXICON.length, 1.05);
    private static final double[] DOMAIN_ZIPF = zipf(DOMAIN.length, 0.8);

    private final int size;
    private final long seed;
    private final Instant now;

    SearchCorpus(int size, long seed, Instant now) {
        this.size = size;
        this.seed = seed;
        this.now = now;
    }

    int size() {
        return size;
    }

    /** One facet value with its label. */
    record Value(String facet, String key, String label) {}

    /** An asset as the database would hold it after upload, metadata and extraction, with its extracted text. */
    record Asset(
            int index,
            UUID id,
            String title,
            String description,
            String status,
            boolean internalOnly,
            String contentType,
            String contentTypeLabel,
            List<String> tags,
            LocalDate expiresOn,
            Instant publishedAt,
            Instant updatedAt,
            String owner,
            String fileName,
            String mediaType,
            String language,
            String sha256,
            List<Value> facets,
            long usage,
            String body) {

        /** Facet key to value keys, in the order the database returns them (by facet, then value). */
        Map<String, List<String>> facetKeys() {
            Map<String, List<String>> keys = new TreeMap<>();
            for (Value value : facets) {
                keys.computeIfAbsent(value.facet(), k -> new ArrayList<>()).add(value.key());
            }
            keys.values().forEach(values -> values.sort(null));
            return keys;
        }

        /** The searchable labels as Baton's schema makes them: content type, facet values, file name words. */
        List<String> labels() {
            Set<String> labels = new LinkedHashSet<>();
            labels.add(contentTypeLabel);
            facetKeys().forEach((facet, values) -> values.forEach(v -> labels.add(TAXONOMY.get(facet).get(v))));
            labels.add(fileName.replaceAll("[._\\-]+", " "));
            return new ArrayList<>(labels);
        }
    }

    static String ownerName(int owner) {
        return String.format(Locale.ROOT, "owner%02d", owner);
    }

    Asset asset(int index) {
        Random r = new Random(seed * 1_000_003L + index);
        UUID id = UUID.nameUUIDFromBytes(("baton-search-bench-" + seed + "-" + index).getBytes(StandardCharsets.UTF_8));
        String[] type = pickWeighted(r, CONTENT_TYPES);
        List<Value> facets = new ArrayList<>();
        for (String facet : FACETS) {
            List<String> keys = new ArrayList<>(TAXONOMY.get(facet).keySet());
            int n = facet.equals("region") ? 1 : 1 + (r.nextDouble() < 0.35 ? 1 : 0);
            Set<String> chosen = new LinkedHashSet<>();
            while (chosen.size() < n) {
                // earlier values are more common (awareness before expansion, platform before integrations)
                int at = (int) Math.min(keys.size() - 1, Math.floor(Math.abs(r.nextGaussian()) * keys.size() / 2.2));
                chosen.add(keys.get(at));
            }
            chosen.forEach(key -> facets.add(new Value(facet, key, TAXONOMY.get(facet).get(key))));
        }
        String industry = first(facets, "industry");
        String product = first(facets, "product");
        String topic = TOPICS[(int) Math.floor(Math.pow(r.nextDouble(), 1.6) * TOPICS.length)];
        String industryLabel = TAXONOMY.get("industry").get(industry);
        String title = switch (r.nextInt(5)) {
            case 0 -> CUSTOMERS[r.nextInt(CUSTOMERS.length)] + " " + type[2] + ": " + topic + " in "
                    + industryLabel.toLowerCase(Locale.ROOT);
            case 1 -> capitalize(topic) + " " + type[2] + " for " + industryLabel.toLowerCase(Locale.ROOT);
            case 2 -> industryLabel + " " + topic + " " + type[2];
            case 3 -> capitalize(TAXONOMY.get("product").get(product)) + " " + topic + " (" + type[2] + ")";
            default -> capitalize(topic) + ": " + CUSTOMERS[r.nextInt(CUSTOMERS.length)] + " and "
                    + TAXONOMY.get("persona").get(first(facets, "persona")).toLowerCase(Locale.ROOT) + "s";
        };
        if (r.nextInt(4) == 0) {
            title += " " + (2022 + r.nextInt(5));
        }
        String description = sentences(r, 1 + r.nextInt(3), 10, 26, industry, product, 0.25).toString();
        int tagCount = r.nextInt(5);
        Set<String> tags = new LinkedHashSet<>();
        while (tags.size() < tagCount) {
            tags.add(TAGS[(int) Math.floor(Math.pow(r.nextDouble(), 1.5) * TAGS.length)]);
        }
        double status = r.nextDouble();
        String assetStatus = status < 0.88 ? "PUBLISHED" : status < 0.95 ? "DRAFT" : "ARCHIVED";
        long ageDays = (long) Math.min(4 * 365, -Math.log(1 - r.nextDouble()) * 300);
        Instant updated = now.minusSeconds(ageDays * 86_400 + r.nextInt(86_400));
        Instant published = assetStatus.equals("DRAFT") ? null : updated.minusSeconds(r.nextInt(30 * 86_400));
        LocalDate expires = null;
        if (r.nextDouble() < 0.15) {
            expires = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(r.nextInt(730) - 300);
        }
        String language = r.nextDouble() < 0.85 ? "en" : new String[] {"de", "fr", "es"}[r.nextInt(3)];
        int owner = 1 + (int) Math.floor(Math.pow(r.nextDouble(), 1.3) * OWNERS);
        long usage = (long) Math.floor(Math.exp(0.3 + 1.2 * r.nextGaussian()));
        usage = Math.min(usage, 5_000);
        int words = (int) Math.max(MIN_WORDS, Math.min(MAX_WORDS, Math.round(MEDIAN_WORDS * Math.exp(r.nextGaussian()))));
        String body = body(r, words, industry, product, title, description);
        String fileName = slug(title) + "." + type[3];
        return new Asset(index, id, title, description, assetStatus, type[0].equals("battlecard"), type[0], type[1],
                List.copyOf(tags), expires, published, updated, ownerName(owner), fileName, type[4], language,
                sha256("file-" + seed + "-" + index), List.copyOf(facets), usage, body);
    }

    // ---- text ----

    private static String body(Random r, int words, String industry, String product, String title, String description) {
        StringBuilder text = new StringBuilder(words * 8);
        // extracted text usually repeats the title and often the summary at the top
        text.append(title).append("\n\n");
        if (r.nextBoolean()) {
            text.append(description).append("\n\n");
        }
        int written = 0;
        while (written < words) {
            int sentences = 3 + r.nextInt(6);
            StringBuilder paragraph = sentences(r, sentences, 8, 28, industry, product, 0.15);
            written += count(paragraph);
            text.append(paragraph).append("\n\n");
        }
        return text.toString();
    }

    private static int count(CharSequence text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = text.charAt(i) != ' ';
            if (letter && !inWord) {
                n++;
            }
            inWord = letter;
        }
        return n;
    }

    private static StringBuilder sentences(Random r, int count, int min, int max, String industry, String product,
            double domainShare) {
        StringBuilder out = new StringBuilder();
        String[] industryWords = INDUSTRY_WORDS.get(industry);
        String[] productWords = PRODUCT_WORDS.get(product);
        for (int s = 0; s < count; s++) {
            if (s > 0) {
                out.append(' ');
            }
            int length = min + r.nextInt(max - min + 1);
            int sentenceStart = out.length();
            for (int w = 0; w < length; w++) {
                if (w > 0) {
                    out.append(w % 9 == 8 && r.nextInt(3) == 0 ? ", " : " ");
                }
                double roll = r.nextDouble();
                String word;
                if (roll < domainShare) {
                    word = DOMAIN[sample(r, DOMAIN_ZIPF)];
                } else if (roll < domainShare + 0.02) {
                    word = industryWords[r.nextInt(industryWords.length)];
                } else if (roll < domainShare + 0.03) {
                    word = productWords[r.nextInt(productWords.length)];
                } else {
                    word = LEXICON[sample(r, ZIPF)];
                }
                out.append(word);
            }
            if (out.length() > sentenceStart) {
                out.setCharAt(sentenceStart, Character.toUpperCase(out.charAt(sentenceStart)));
            }
            out.append(r.nextInt(12) == 0 ? '?' : '.');
        }
        return out;
    }

    private static int sample(Random r, double[] cumulative) {
        int at = Arrays.binarySearch(cumulative, r.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }

    private static double[] zipf(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static String[] lexicon(int size) {
        Set<String> words = new LinkedHashSet<>(Arrays.asList(COMMON));
        Random r = new Random(42);
        Set<String> reserved = new LinkedHashSet<>();
        for (String d : DOMAIN) {
            reserved.addAll(Arrays.asList(d.toLowerCase(Locale.ROOT).split(" ")));
        }
        while (words.size() < size) {
            int syllables = 2 + r.nextInt(3);
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < syllables; i++) {
                word.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            }
            if (!reserved.contains(word.toString())) {
                words.add(word.toString());
            }
        }
        return words.toArray(String[]::new);
    }

    // ---- helpers ----

    private static String first(List<Value> facets, String facet) {
        return facets.stream().filter(v -> v.facet().equals(facet)).findFirst().orElseThrow().key();
    }

    private static String[] pickWeighted(Random r, String[][] choices) {
        int total = 0;
        for (String[] c : choices) {
            total += Integer.parseInt(c[5]);
        }
        int roll = r.nextInt(total);
        for (String[] c : choices) {
            roll -= Integer.parseInt(c[5]);
            if (roll < 0) {
                return c;
            }
        }
        return choices[choices.length - 1];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 80 ? slug.substring(0, 80) : slug;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, String>> taxonomy() {
        Map<String, Map<String, String>> t = new LinkedHashMap<>();
        put(t, "buyer_stage", "awareness:Awareness", "consideration:Consideration", "decision:Decision",
                "onboarding:Onboarding", "expansion:Expansion");
        put(t, "funnel_stage", "inquiry:Inquiry", "mql:MQL", "sal:SAL", "sql:SQL", "opportunity:Opportunity",
                "customer:Customer");
        put(t, "persona", "economic-buyer:Economic buyer", "technical-evaluator:Technical evaluator",
                "champion:Champion", "end-user:End user", "executive-sponsor:Executive sponsor");
        put(t, "industry", "financial-services:Financial services", "healthcare:Healthcare",
                "manufacturing:Manufacturing", "retail:Retail", "technology:Technology", "public-sector:Public sector");
        put(t, "product", "platform:Platform", "analytics:Analytics", "integrations:Integrations");
        put(t, "region", "global:Global", "north-america:North America", "emea:EMEA", "apac:APAC", "latam:LATAM");
        put(t, "language", "en:English", "de:German", "fr:French", "es:Spanish");
        put(t, "content_type", "case-study:Case study", "battlecard:Battlecard", "deck:Deck", "one-pager:One-pager",
                "roi-tool:ROI tool", "whitepaper:Whitepaper", "pricing-sheet:Pricing sheet",
                "onboarding-guide:Onboarding guide", "video:Video");
        return t;
    }

    private static void put(Map<String, Map<String, String>> t, String facet, String... values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            int colon = v.indexOf(':');
            m.put(v.substring(0, colon), v.substring(colon + 1));
        }
        t.put(facet, m);
    }

    // ---- the query mix ----

    /**
     * One search of the mix: what a rep types, the facet values they chose, and (for a misspelt word, which Baton
     * corrects by itself) the query Solr gets instead, with edismax's fuzzy syntax on the misspelt word.
     */
    record Query(String q, Map<String, List<String>> filters, String solrQ) {

        static Query of(String q, String... filters) {
            Map<String, List<String>> f = new LinkedHashMap<>();
            for (String filter : filters) {
                int eq = filter.indexOf('=');
                f.computeIfAbsent(filter.substring(0, eq), k -> new ArrayList<>()).add(filter.substring(eq + 1));
            }
            return new Query(q, f, q);
        }

        Query solr(String solrQuery) {
            return new Query(q, filters, solrQuery);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("q=").append(q);
            filters.forEach((k, v) -> s.append(' ').append(k).append('=').append(String.join(",", v)));
            return s.toString();
        }
    }

    /** The fixed mix: single words, phrases, OR and exclusions, facet drill-downs, misspellings; 40 searches. */
    static List<Query> queries() {
        return List.of(
                // single words
                Query.of("pricing"),
                Query.of("security"),
                Query.of("onboarding"),
                Query.of("healthcare"),
                Query.of("roi"),
                Query.of("integration"),
                Query.of("battlecard"),
                Query.of("forecast"),
                Query.of("churn"),
                Query.of("webinar"),
                // several words, phrases
                Query.of("security review checklist"),
                Query.of("pricing enterprise discount"),
                Query.of("\"total cost of ownership\""),
                Query.of("\"security review\" healthcare"),
                Query.of("\"customer success\" renewal"),
                Query.of("\"marketing qualified lead\""),
                Query.of("case study retail analytics"),
                Query.of("acme case study"),
                // boolean
                Query.of("webinar OR video"),
                Query.of("pricing -discount"),
                Query.of("migration OR rollout plan"),
                Query.of("competitor -\"legal review\""),
                Query.of("gdpr OR hipaa compliance"),
                // facet drill-downs, with and without words
                Query.of("pricing", "buyer_stage=decision"),
                Query.of("roi", "persona=economic-buyer", "industry=healthcare"),
                Query.of("security", "persona=technical-evaluator", "product=platform", "product=integrations"),
                Query.of("onboarding", "buyer_stage=onboarding", "content_type=onboarding-guide"),
                Query.of("case study", "industry=financial-services", "region=emea"),
                Query.of("", "buyer_stage=awareness", "funnel_stage=mql"),
                Query.of("", "content_type=battlecard"),
                Query.of("analytics dashboard", "product=analytics", "region=north-america", "region=global"),
                Query.of("renewal", "buyer_stage=expansion", "funnel_stage=customer"),
                Query.of("\"proof of concept\"", "persona=champion"),
                Query.of("deck", "content_type=deck", "industry=technology"),
                // misspelt words (Baton matches near spellings itself; Solr is asked for them with ~)
                Query.of("secuirty").solr("secuirty~2"),
                Query.of("onbaording guide").solr("onbaording~2 guide"),
                Query.of("pricng sheet").solr("pricng~1 sheet"),
                Query.of("integraton api").solr("integraton~2 api"),
                Query.of("renewel playbook", "industry=retail").solr("renewel~2 playbook"),
                Query.of("forcast pipeline").solr("forcast~2 pipeline"));
    }

    /** What reps type into the search box, one keystroke at a time, for the suggestion latency. */
    static List<String> typed() {
        return List.of("security review", "healthcare case study", "pricing sheet", "acme", "roi calculator",
                "onboarding guide", "competitive comparison", "executive briefing");
    }
}
