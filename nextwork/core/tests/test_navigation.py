def test_only_the_closest_menu_item_is_marked_current(client, consultant):
    client.force_login(consultant)
    html = client.get("/young-people/new/").content.decode()
    assert html.count('aria-current="page"') == 1
    assert 'href="/young-people/new/" aria-current="page"' in html
