def test_only_the_closest_menu_item_is_marked_current(client, consultant):
    client.force_login(consultant)
    html = client.get("/young-people/new/").content.decode()
    # The same menu twice: in the bar on wide screens and in the phone's Menu disclosure.
    assert html.count('aria-current="page"') == 2
    assert html.count('href="/young-people/new/" aria-current="page"') == 2


def test_the_api_is_in_the_footer_not_the_main_menu(client, consultant):
    client.force_login(consultant)
    html = client.get("/").content.decode()
    menu = html[html.index('class="site-nav"'):html.index("</nav>", html.index('class="site-nav"'))]
    assert "/api/docs" not in menu
    assert "/api/docs" in html[html.index("<footer"):]


def test_the_login_form_uses_the_design_systems_stacked_fields(client, db):
    html = client.get("/login/").content.decode()
    assert html.count('class="form-input"') == 2 and 'class="form-label"' in html
