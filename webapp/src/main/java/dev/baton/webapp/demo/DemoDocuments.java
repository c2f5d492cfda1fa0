package dev.baton.webapp.demo;

import static dev.baton.webapp.demo.DemoCopy.ANALYTICS;
import static dev.baton.webapp.demo.DemoCopy.FINANCE;
import static dev.baton.webapp.demo.DemoCopy.HEALTHCARE;
import static dev.baton.webapp.demo.DemoCopy.INTEGRATIONS;
import static dev.baton.webapp.demo.DemoCopy.MANUFACTURING;
import static dev.baton.webapp.demo.DemoCopy.PLATFORM;
import static dev.baton.webapp.demo.DemoCopy.PUBLIC;
import static dev.baton.webapp.demo.DemoCopy.TECHNOLOGY;

import dev.baton.webapp.demo.DemoCopy.Competitor;
import dev.baton.webapp.demo.DemoCopy.Customer;
import dev.baton.webapp.demo.DemoCopy.Industry;
import dev.baton.webapp.demo.DemoCopy.Product;
import dev.baton.webapp.demo.DemoCopy.RoiCase;
import dev.baton.webapp.demo.DemoFiles.Doc;
import dev.baton.webapp.taxonomy.Facets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The demo library a fresh installation starts with: documents of a fictional vendor, Northwind Analytics, spread
 * over buyer and funnel stages, personas, industries, products and regions, plus one demo account per role.
 * Everything is deterministic: the same text and metadata on every run.
 */
public final class DemoDocuments {

    static final String MARIA = "maria.marketer";
    static final String MARK = "mark.marketer";

    /** Content marketing (Maria) owns the stories; product marketing (Mark) owns what reps sell with. */
    private static final Set<String> MARIA_OWNS = Set.of("case-study", "deck", "one-pager", "whitepaper");

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("rita.rep", "Rita Rep", "REP"),
            new DemoUser("ravi.rep", "Ravi Rep", "REP"),
            new DemoUser(MARIA, "Maria Marketer", "MARKETER"),
            new DemoUser(MARK, "Mark Marketer", "MARKETER"),
            new DemoUser("tom.trainer", "Tom Trainer", "TRAINER"));

    private DemoDocuments() {
    }

    public static List<DemoUser> users() {
        return USERS;
    }

    public static List<DemoAsset> generate() {
        Library lib = new Library();
        lib.caseStudy(Format.PDF, DemoCopy.HARBOR, "decision", "sql,opportunity", "economic-buyer,champion",
                "month-end close,finance,forecast");
        lib.caseStudy(Format.PDF, DemoCopy.ALDER, "consideration", "sql", "technical-evaluator",
                "claims,insurance,data pipelines");
        lib.caseStudy(Format.PDF, DemoCopy.MERIDIAN, "decision", "opportunity", "executive-sponsor,economic-buyer",
                "quality reporting,hospitals");
        lib.caseStudy(Format.DOCX, DemoCopy.SUNRIDGE, "consideration", "sal,sql", "end-user,champion",
                "no-shows,clinics");
        lib.caseStudy(Format.PDF, DemoCopy.KESSLER, "decision", "opportunity", "executive-sponsor",
                "downtime,plants");
        lib.caseStudy(Format.DOCX, DemoCopy.PACIFIC, "consideration", "sql", "technical-evaluator,champion",
                "inventory,supply chain");
        lib.caseStudy(Format.PDF, DemoCopy.BLUEBIRD, "decision", "opportunity", "economic-buyer",
                "forecast,merchandising,markdowns");
        lib.caseStudy(Format.PDF, DemoCopy.VERDE, "consideration", "sal", "champion,end-user",
                "grocery,replenishment");
        lib.caseStudy(Format.PDF, DemoCopy.QUANTIVE, "consideration,expansion", "sql,customer",
                "champion,executive-sponsor", "churn,net revenue retention,mql");
        lib.caseStudy(Format.DOCX, DemoCopy.LAKEMONT, "decision", "opportunity", "executive-sponsor",
                "records requests,government");
        lib.add(Format.PDF, "Kessler Maschinenbau Fallstudie - Stillstaende", DemoPapers.kesslerGerman(),
                "case-study", facets("decision", "opportunity", "executive-sponsor", "manufacturing", "platform",
                        "emea", "de"), "fallstudie,stillstand");

        List<Competitor> rivals = DemoCopy.COMPETITORS;
        lib.battlecard(Format.PDF, rivals.get(0), "consideration,decision", "sql,opportunity",
                "technical-evaluator,economic-buyer", "", "global", null);
        lib.battlecard(Format.PDF, rivals.get(1), "consideration,decision", "opportunity", "economic-buyer",
                "financial-services", "north-america,emea", null);
        lib.battlecard(Format.DOCX, rivals.get(2), "consideration", "sql", "technical-evaluator", "", "global",
                null);
        lib.battlecard(Format.DOCX, rivals.get(3), "consideration,decision", "opportunity",
                "technical-evaluator,executive-sponsor", "", "global", 12);

        lib.pricingSheet(PLATFORM, "economic-buyer", null);
        lib.pricingSheet(ANALYTICS, "economic-buyer", 25);
        lib.pricingSheet(INTEGRATIONS, "economic-buyer,technical-evaluator", null);

        List<RoiCase> roi = DemoCopy.ROI_CASES;
        lib.roiGuide(Format.PDF, roi.get(0), "decision", "sql,opportunity", "economic-buyer,champion");
        lib.roiGuide(Format.PDF, roi.get(1), "decision", "opportunity", "economic-buyer");
        lib.roiGuide(Format.PDF, roi.get(2), "consideration,decision", "sql", "champion,economic-buyer");
        lib.roiGuide(Format.PPTX, roi.get(3), "decision", "opportunity", "champion");

        lib.add(Format.PDF, "Security and compliance overview - SOC 2, encryption", DemoPapers.securityOverview(),
                "whitepaper", facets("consideration,decision", "sql,opportunity", "technical-evaluator", "",
                        "platform", "global", "en"), "security,soc 2,encryption");
        lib.add(Format.PDF, "GDPR and EU data residency whitepaper", DemoPapers.gdprPaper(), "whitepaper",
                facets("consideration,decision", "opportunity", "technical-evaluator,economic-buyer", "", "platform",
                        "emea", "en"), "gdpr,privacy,data residency");
        lib.add(Format.PDF, "Identity, SSO and access control whitepaper", DemoPapers.identityPaper(), "whitepaper",
                facets("consideration", "sql", "technical-evaluator", "", "platform,integrations", "global", "en"),
                "sso,scim,access control");
        lib.add(Format.PDF, "SOC 2 bridge letter", DemoPapers.bridgeLetter(), "whitepaper", facets("decision",
                "opportunity", "technical-evaluator", "", "platform", "global", "en"), "soc 2,compliance", false, -3);
        lib.add(Format.PDF, "Forecast maturity model whitepaper", DemoPapers.forecastMaturity(), "whitepaper",
                facets("awareness", "inquiry,mql", "executive-sponsor,economic-buyer", "financial-services,technology",
                        "analytics", "global", "en"), "forecast,thought leadership");
        lib.add(Format.DOCX, "Healthcare data integration playbook", DemoCopy.solution("Healthcare data "
                + "integration playbook", INTEGRATIONS, HEALTHCARE, true), "whitepaper", facets("awareness,"
                + "consideration", "mql", "technical-evaluator,executive-sponsor", "healthcare", "integrations",
                "north-america", "en"), "interoperability,playbook");

        lib.add(Format.PDF, "Northwind Platform one-pager", DemoCopy.solution("Northwind Platform at a glance",
                PLATFORM, null, true), "one-pager", facets("awareness", "inquiry,mql",
                "executive-sponsor,economic-buyer", "", "platform", "global", "en"), "overview");
        lib.add(Format.PDF, "Northwind Integrations connector catalogue", DemoPapers.connectorCatalogue(),
                "one-pager", facets("consideration", "mql,sal", "technical-evaluator,end-user", "", "integrations",
                        "global", "en"), "connectors,crm,marketing automation");
        lib.add(Format.DOCX, "Analytics Studio for the public sector - one-pager", DemoCopy.solution("Analytics "
                + "Studio for the public sector", ANALYTICS, PUBLIC, true), "one-pager", facets("awareness,"
                + "consideration", "mql", "executive-sponsor,economic-buyer", "public-sector", "analytics",
                "north-america,emea", "en"), "government,budget");
        lib.add(Format.DOCX, "Marketing and sales alignment one-pager", DemoPapers.marketingAlignment(),
                "one-pager", facets("awareness", "inquiry,mql", "executive-sponsor,champion", "technology",
                        "integrations,platform", "global", "en"), "mql,funnel,alignment");
        lib.add(Format.DOCX, "Analytics Studio pour la distribution - fiche produit", DemoPapers.retailFrench(),
                "one-pager", facets("awareness,consideration", "mql", "economic-buyer,end-user", "retail",
                        "analytics", "emea", "fr"), "distribution,prevision");
        lib.add(Format.PDF, "Analytics Studio Fast Start offer", DemoPapers.fastStartOffer(), "one-pager",
                facets("decision,expansion", "opportunity,customer", "economic-buyer,champion", "", "analytics",
                        "global", "en"), "promotion,onboarding", false, 5);

        lib.onboarding(Format.DOCX, "Northwind Platform onboarding guide", PLATFORM, "end-user,champion");
        lib.onboarding(Format.DOCX, "Analytics Studio onboarding guide", ANALYTICS, "end-user");
        lib.onboarding(Format.DOCX, "Northwind Integrations onboarding guide", INTEGRATIONS,
                "technical-evaluator,end-user");
        lib.onboarding(Format.PPTX, "Welcome to Northwind - onboarding kickoff", PLATFORM,
                "executive-sponsor,champion");

        lib.deck("Northwind Platform overview", PLATFORM, null, "awareness,consideration", "mql,sal",
                "executive-sponsor,economic-buyer", "global");
        lib.deck("Northwind Analytics Studio overview", ANALYTICS, null, "consideration,expansion", "sal,customer",
                "economic-buyer,end-user", "global");
        lib.deck("Northwind Integrations overview", INTEGRATIONS, null, "consideration", "sal,sql",
                "technical-evaluator", "global");
        lib.deck("Northwind for financial services", PLATFORM, FINANCE, "awareness,consideration", "mql,sal",
                "executive-sponsor", "north-america,emea");
        lib.deck("Northwind for healthcare", PLATFORM, HEALTHCARE, "awareness,consideration", "mql",
                "executive-sponsor,economic-buyer", "north-america");
        lib.deck("Northwind for manufacturing", INTEGRATIONS, MANUFACTURING, "consideration", "sal",
                "technical-evaluator,economic-buyer", "emea,apac");
        lib.deck("Northwind for software and technology companies", ANALYTICS, TECHNOLOGY, "consideration,expansion",
                "sql,customer", "champion,executive-sponsor", "north-america,apac");
        lib.add(Format.PPTX, "Executive business review template", DemoPapers.businessReview(), "deck",
                facets("expansion", "customer", "executive-sponsor", "", "platform,analytics,integrations", "global",
                        "en"), "ebr,renewal,churn");
        lib.add(Format.PPTX, "Northwind Platform Ueberblick - Praesentation", DemoPapers.platformGerman(), "deck",
                facets("awareness,consideration", "mql,sal", "executive-sponsor,technical-evaluator",
                        "manufacturing,financial-services", "platform", "emea", "de"), "ueberblick,plattform");
        lib.add(Format.PPTX, "Five signs your revenue data has outgrown spreadsheets", DemoPapers.fiveSigns(),
                "deck", facets("awareness", "inquiry", "executive-sponsor,economic-buyer", "", "platform,analytics",
                        "global", "en"), "thought leadership,spreadsheets");
        return List.copyOf(lib.assets);
    }

    /** Facet key to value keys; each argument is a comma-separated list of value keys, empty to leave it out. */
    private static Map<String, List<String>> facets(String buyerStage, String funnelStage, String persona,
            String industry, String product, String region, String language) {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        String[][] pairs = {{Facets.BUYER_STAGE, buyerStage}, {Facets.FUNNEL_STAGE, funnelStage},
            {Facets.PERSONA, persona}, {Facets.INDUSTRY, industry}, {Facets.PRODUCT, product}, {Facets.REGION, region},
            {Facets.LANGUAGE, language}};
        for (String[] pair : pairs) {
            if (!pair[1].isEmpty()) {
                facets.put(pair[0], List.of(pair[1].split(",")));
            }
        }
        return facets;
    }

    private enum Format {
        PDF(".pdf", DemoFiles::pdf), DOCX(".docx", DemoFiles::docx), PPTX(".pptx", DemoFiles::pptx);

        private final String extension;
        private final BiFunction<Doc, String, byte[]> render;

        Format(String extension, BiFunction<Doc, String, byte[]> render) {
            this.extension = extension;
            this.render = render;
        }
    }

    /** Collects assets in order; publication dates spread over the last 18 months by position. */
    private static final class Library {
        private final List<DemoAsset> assets = new ArrayList<>();

        void add(Format format, String fileName, Doc doc, String type, Map<String, List<String>> facets,
                String tags) {
            add(format, fileName, doc, type, facets, tags, false, null);
        }

        void add(Format format, String fileName, Doc doc, String type, Map<String, List<String>> facets,
                String tags, boolean internalOnly, Integer expiresInDays) {
            String owner = MARIA_OWNS.contains(type) ? MARIA : MARK;
            String author = USERS.stream().filter(u -> u.username().equals(owner)).findFirst().orElseThrow()
                    .displayName();
            int publishedDaysAgo = 9 + assets.size() * 53 % 530;
            assets.add(new DemoAsset(fileName.replace(" & ", " and ") + format.extension,
                    format.render.apply(doc, author), doc.title(), doc.lead(), type, facets,
                    List.of(tags.split(",")), owner, internalOnly, publishedDaysAgo, expiresInDays));
        }

        void caseStudy(Format format, Customer c, String stages, String funnel, String personas, String tags) {
            add(format, c.name() + " case study - " + c.topic(), DemoCopy.caseStudy(c), "case-study",
                    facets(stages, funnel, personas, c.industry().key(), c.product().key(), c.region(), "en"),
                    tags);
        }

        void battlecard(Format format, Competitor rival, String stages, String funnel, String personas,
                String industry, String region, Integer expiresInDays) {
            add(format, "Battlecard - " + rival.product().name() + " vs " + rival.name(),
                    DemoCopy.battlecard(rival), "battlecard", facets(stages, funnel, personas, industry,
                            rival.product().key(), region, "en"),
                    "competitive," + rival.name().toLowerCase(Locale.ROOT), true, expiresInDays);
        }

        void pricingSheet(Product p, String personas, Integer expiresInDays) {
            add(Format.PDF, p.name() + " pricing sheet", DemoCopy.pricingSheet(p), "pricing-sheet",
                    facets("decision", "opportunity", personas, "", p.key(), "global", "en"), "pricing,editions",
                    false, expiresInDays);
        }

        void roiGuide(Format format, RoiCase r, String stages, String funnel, String personas) {
            add(format, "ROI guide - " + r.industry().label().toLowerCase(Locale.ROOT) + " "
                    + r.topic(), DemoCopy.roiGuide(r), "roi-tool", facets(stages, funnel, personas,
                            r.industry().key(), r.product().key(), "global", "en"),
                    "roi,business case,tco");
        }

        void onboarding(Format format, String title, Product p, String personas) {
            add(format, title, DemoCopy.onboardingGuide(title, p), "onboarding-guide", facets("onboarding",
                    "customer", personas, "", p.key(), "global", "en"), "onboarding,getting started");
        }

        void deck(String title, Product p, Industry industry, String stages, String funnel,
                String personas, String region) {
            add(Format.PPTX, title + " deck", DemoCopy.solution(title, p, industry, false), "deck",
                    facets(stages, funnel, personas, industry == null ? "" : industry.key(), p.key(), region,
                            "en"), industry == null ? "overview" : "industry");
        }
    }
}
