"""Each flow by hand: answers -> the roadmap a person should get, checked against the sources.

Expected titles and offices were read off shared/data (azores-facts.md,
azores-directory.yaml, azores-offices.yaml) and the sources named in each
comment, not off the engine. An office of None means the step gives only
the organisation's sourced phone, e-mail or website ("remote").
"""


import pytest

from conftest import Visitor

YES_PERMIT = "Yes, I have one, or I have applied for one"
ASYLUM = "I asked for asylum, or want to"
VICTIM = "Victim of trafficking, forced work or violence"

TABLE = [
    # residence – renewal in Praia da Vitória: RIAC does AIMA's attendance since 2025-10-01
    # (acorianooriental.pt, 2025-07); Loja RIAC Praia da Vitória is named on RIAC's IRS page (2025).
    ("residence", ["other", "renewal", "terceira", "praia-da-vitoria"], "Renewing your residence permit", {
        "residence-permit": ("Loja RIAC Praia da Vitória", "municipality")}),
    # A student on Faial: no tax office of Horta in our sources (2013 closure list); the nearest is
    # Madalena on Pico (radiopico.com, about 2013), a short crossing away.
    ("residence", ["other", "student", "faial"], "Your first steps as a student from outside the EU", {
        "nif": ("Serviço de Finanças da Madalena", "other-island"),
        "health-number": ("Centro de Saúde da Horta", "municipality")}),
    # Family member of an EU citizen: AIMA issues the card (cabeceirasdebasto.pt, 2024-09); no AIMA
    # office in the Azores is in our sources, so only AIMA's national channels.
    ("residence", ["other", "family", "A citizen of Portugal or of another country of the European Union", "sao-jorge", "velas"],
     "Living here as the family member of an EU citizen", {
         "eu-family-residence-card": (None, "remote"),
         "free-help": ("Câmara Municipal das Velas (atendimento da DRC)", "municipality")}),
    # Asylum in Ponta Delgada: CRESAÇOR's GAM (seat in Ponta Delgada) follows applicants for
    # international protection (cresacor.pt); AIMA decides (aima.gov.pt FAQ).
    ("residence", ["other", "other-reason", ASYLUM, "sao-miguel", "ponta-delgada"], "Asking for asylum (international protection)", {
        "gam-advice": ("CRESAÇOR – Gabinete de Apoio ao Migrante", "municipality"),
        "international-protection": (None, "remote")}),
    # A victim on Graciosa: APAV's migrant unit is in Ponta Delgada, reached by phone (Guia do
    # (I)migrante); the DRC sees people by appointment at the town hall of Santa Cruz da Graciosa.
    ("residence", ["other", "other-reason", VICTIM, "graciosa"], "Help for victims of trafficking, forced work or violence", {
        "victim-support": (None, "remote"),
        "free-help": ("Câmara Municipal de Santa Cruz da Graciosa (atendimento da DRC)", "municipality")}),
    # work – EU citizen with a degree in Lagoa: tax office of Lagoa (2013 list); the regional training
    # institute is in Capelas, Ponta Delgada (praiaexpresso.com, 2024-05-31); no employment-centre
    # address in our sources, so the DRQPE portal.
    ("work", ["eu", "yes", "sao-miguel", "lagoa"], "Looking for work as an EU citizen, with a foreign degree", {
        "nif": ("Serviço de Finanças de Lagoa", "municipality"),
        "job-seeker-registration": (None, "remote"),
        "degree-recognition": (None, "remote"),
        "vocational-training": ("Centro de Qualificação dos Açores", "island")}),
    # On Corvo with a permit: the training institute serves every island but sits on São Miguel.
    ("work", ["other", YES_PERMIT, "no", "corvo"], "Looking for work with a residence permit", {
        "nif": ("Serviço de Finanças do Corvo", "municipality"),
        "vocational-training": ("Centro de Qualificação dos Açores", "other-island")}),
    # Without a permit on Pico: CRESAÇOR's office has no sourced address, only its website; the
    # DRC sees people by appointment at the town hall of Madalena (Guia do (I)migrante), listed
    # before the AIPA CLAIM of Madalena (radiopico.com), also in Madalena.
    ("work", ["other", "No", "pico", "madalena"], "Looking for work without a residence permit", {
        "gam-advice": (None, "remote"),
        "free-help": ("Câmara Municipal da Madalena (atendimento da DRC)", "municipality")}),
    # business – self-employed on Santa Maria: the start of activity can be declared at any tax office
    # (ePortugal); Vila do Porto's is on the 2013 list.
    ("business", ["eu", "self-employed", "santa-maria"], "Starting as a self-employed worker", {
        "start-of-activity": ("Serviço de Finanças de Vila do Porto", "municipality")}),
    # A company in Angra do Heroísmo: no Empresa na Hora counter in the Azores in our sources; no
    # Terceira tax office on the 2013 list, so the nearest is Calheta on São Jorge.
    ("business", ["other", YES_PERMIT, "company", "terceira", "angra-do-heroismo"], "Starting a company", {
        "empresa-na-hora": (None, "remote"),
        "nif": ("Serviço de Finanças da Calheta", "other-island")}),
    # school – a child without papers who studied abroad: enrolment cannot be refused (DRC guide,
    # 2012); AIMA's registration of minors is by e-mail (aima.gov.pt FAQ).
    ("school", ["Has no residence permit", "yes", "sao-miguel", "ribeira-grande"],
     "School for a child without papers, with school years abroad", {
         "school-enrolment": (None, "remote"), "minor-registration": (None, "remote"), "equivalence": (None, "remote")}),
    ("school", ["A citizen of the EU, Iceland, Liechtenstein, Norway or Switzerland", "no",
                "flores", "lajes-das-flores"], "Enrolling your child at school", {
        "plnm": (None, "remote"),
        "free-help": ("Câmara Municipal das Lajes das Flores (atendimento da DRC)", "municipality")}),
    # health – before papers in Lajes das Flores: Flores' only health centre is in Santa Cruz das Flores
    # (acorianooriental.pt, 2019-03); care cannot be refused (DRS page).
    ("health", ["other", "No, not yet", "flores", "lajes-das-flores"], "Health care before you have papers", {
        "health-care-any-status": ("Centro de Saúde de Santa Cruz das Flores", "island"),
        "health-line": (None, "remote")}),
    ("health", ["eu", "pico", "sao-roque-do-pico"], "Health care as a citizen of the EU, EEA or Switzerland", {
        "eu-health-care": ("Centro de Saúde de São Roque do Pico", "municipality")}),
    ("health", ["other", "Yes", "terceira", "praia-da-vitoria"], "Health care with a residence permit", {
        "health-number": ("Centro de Saúde da Praia da Vitória", "municipality")}),
    # benefits – first year on Santa Maria, with children: child benefit needs a valid residence title
    # (portaldacrianca.com), RSI one year of legal residence (ec.europa.eu); ISSA's building in Vila do
    # Porto is the only ISSA site in our sources (azoresacores.com, 2022-04).
    ("benefits", ["other", "I have lived here legally for less than one year", "yes", "santa-maria"],
     "Child benefit in your first year here", {
         "abono-de-familia": ("Instituto da Segurança Social dos Açores – Vila do Porto", "municipality")}),
    # A refugee without children in Nordeste: RSI from the start for refugees (ec.europa.eu).
    ("benefits", ["other", "I have refugee status", "no", "sao-miguel", "nordeste"], "The social insertion income (RSI)", {
        "rsi": (None, "remote"), "job-seeker-registration": (None, "remote")}),
    ("benefits", ["eu", "yes", "corvo"], "Child benefit, the Azores top-up and the social insertion income", {
        "caaf": (None, "remote"), "abono-de-familia": (None, "remote")}),
    # arrival – with a residence visa in Calheta (São Jorge): RIAC post of Calheta (acores24horas.pt).
    ("arrival", ["other", "With a residence visa from a Portuguese consulate", "sao-jorge", "calheta"],
     "Your first steps with a residence visa", {
         "residence-permit": ("Posto RIAC da Calheta", "municipality"),
         "nif": ("Serviço de Finanças da Calheta", "municipality")}),
    ("arrival", ["eu", "faial"], "Your first steps as a citizen of the EU, EEA or Switzerland", {
        "eu-registration": ("Câmara Municipal da Horta", "municipality")}),
    # portuguese – courses are organised yearly by partners; the information line 296 204 810 (DRC page).
    ("portuguese", ["adult", "terceira", "angra-do-heroismo"], "A Portuguese course for adults", {
        "portuguese-courses": (None, "remote")}),
    ("portuguese", ["child", "corvo"], "Portuguese classes for your child at school", {"plnm": (None, "remote")}),
]

ORDER = {
    # First steps in the right order: NIF first (Portal das Finanças), the residence permit before the
    # NISS, which since June 2024 needs proof of the permit request (dn.pt, 2024).
    ("arrival", "visa"): ["nif", "residence-permit", "niss", "health-number", "free-help"],
}


def walk(client, flow, answers):
    visitor = Visitor(client)
    visitor.start(flow)
    for answer in answers:
        page = visitor.answer(answer)
    return page


@pytest.mark.parametrize("flow, answers, title, offices", TABLE,
                         ids=lambda v: "-".join(v) if isinstance(v, list) else (v if isinstance(v, str) and len(v) < 12 else ""))
def test_hand_checked_roadmaps(client, flow, answers, title, offices):
    page = walk(client, flow, answers)
    assert page.kind == "roadmap" and page.heading == title
    for service, (office, fallback) in offices.items():
        step = page.soup.select_one(f"li[data-service={service}]")
        assert step is not None, f"no step for {service}"
        place = step.select("[data-fallback]")[0]
        assert place["data-fallback"] == fallback, service
        if office is not None:
            assert place.find("h4").get_text(strip=True) == office


def test_first_steps_come_in_the_right_order(client):
    page = walk(client, "arrival", ["other", "With a residence visa from a Portuguese consulate", "sao-jorge", "calheta"])
    assert [li["data-service"] for li in page.soup.select("ol.steps > li")] == ORDER["arrival", "visa"]


def test_the_home_page_offers_every_need(client):
    home = Visitor(client).get("/en/")
    offered = {a["data-flow"] for a in home.soup.select("a[data-flow]")}
    assert {"residence", "work", "business", "school", "health", "benefits", "arrival", "portuguese"} <= offered


def test_rules_that_changed_on_a_date_say_so(client):
    page = walk(client, "residence", ["other", "renewal", "terceira", "praia-da-vitoria"])
    facts = page.soup.select(".facts li")
    dated = [f for f in facts if "In force from 2025-10-15." in f.get_text()]
    assert dated and dated[0].select_one(".src a")["href"] == "https://www.cepac.pt/noticia.php?n=153"


def test_a_sensitive_page_has_a_quick_exit_and_sourced_emergency_lines(client):
    page = walk(client, "residence", ["other", "other-reason", ASYLUM, "sao-miguel", "ponta-delgada"])
    exit_link = page.soup.select_one(".exit a[data-quick-exit]")
    assert exit_link["href"].startswith("https://") and exit_link.get("onclick") is None
    assert "asylum" not in page.response.request.url
    numbers = {a.get_text(strip=True): a["href"] for a in page.soup.select("[data-safety] li > a")}
    assert numbers["112"] == "tel:112" and numbers["116 006"] == "tel:116006"
    assert "07:00–22:00 in the Azores" in page.soup.select_one("[data-safety]").get_text()
    sources = Visitor(client).get(page.soup.select_one("[data-safety] a[data-sources-link]")["href"])
    assert sources.status == 200 and sources.kind == "help" and sources.soup.select_one(".exit a")
    lines = sources.soup.select("[data-safety] li")
    assert {li.select_one("a").get_text(strip=True) for li in lines} == set(numbers)
    for item in lines:
        assert item.select_one(".src a")["href"].startswith("https://")


def test_the_quick_exit_and_emergency_lines_are_on_the_sensitive_question_itself(client):
    visitor = Visitor(client)
    visitor.start("residence")
    visitor.answer("other")
    page = visitor.answer("other-reason")
    assert page.heading == "Which fits your situation?"
    assert page.soup.select_one(".exit a") and page.soup.select_one("[data-safety]")


def test_a_page_that_is_not_sensitive_has_neither(client):
    page = walk(client, "portuguese", ["adult", "corvo"])
    assert page.soup.select_one(".exit") is None and page.soup.select_one("[data-safety]") is None


def test_every_roadmap_ends_with_free_help_and_a_report_link(client):
    page = walk(client, "health", ["eu", "corvo"])
    assert page.soup.select("ol.steps > li")[-1]["data-service"] == "free-help"
    report = page.soup.select_one("[data-report] a")["href"]
    assert report.startswith("mailto:atendimento.drc@azores.gov.pt?subject=")
    assert "Corvo" in report and "citizenship" not in report


def test_the_report_address_is_configurable(app):
    from guide import create_app
    other = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": app.config["DATABASE_URL"],
                        "REPORT_EMAIL": "erros@example.org"})
    page = Visitor(other.test_client()).get("/en/portuguese/?who=adult&island=corvo")
    assert page.soup.select_one("[data-report] a")["href"].startswith("mailto:erros@example.org?subject=")


@pytest.mark.parametrize("url, heading, step", [
    ("/pt/health/?citizenship=eu&island=corvo", "Cuidados de saúde para cidadãos da UE, do EEE ou da Suíça",
     "Ligue para a Linha de Saúde antes de ir à urgência"),
    ("/pt/portuguese/?who=adult&island=pico&municipality=madalena", "Um curso de português para adultos",
     "Encontre um curso de português"),
])
def test_roadmaps_in_european_portuguese(client, url, heading, step):
    page = Visitor(client).get(url)
    assert page.kind == "roadmap" and page.heading == heading
    assert step in [h.get_text(strip=True) for h in page.soup.select("ol.steps h2")]
    assert page.soup.select_one("[data-report] a").get_text(strip=True) == "Comunicar informação errada nesta página"


def test_the_emergency_lines_in_portuguese(client):
    visitor = Visitor(client, language="pt")
    visitor.start("residence")
    visitor.answer("other")
    page = visitor.answer("other-reason")
    assert page.heading == "Qual é a sua situação?"
    assert "07:00–22:00 nos Açores" in page.soup.select_one("[data-safety]").get_text()
