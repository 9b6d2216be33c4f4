// The demo shop's one script: product data, the cart (localStorage), rendering,
// and the GA4-style e-commerce calls. Everything goes through `window.tagrelay`,
// the command queue of the paste-in snippet, looked up at call time because the
// loader replaces the stub once it has arrived.
(function () {
  'use strict';

  var CURRENCY = 'PLN';
  var CART_KEY = 'shop:cart';
  var ORDER_KEY = 'shop:last-order';
  // Money is kept in grosze (integers) so that 3 × 54.90 is 164.70, not 164.70000000000002.
  var SHIPPING = 1499;
  var FREE_SHIPPING_FROM = 20000;
  // Polish VAT; shop prices include it, so `tax` is the part of the price that is VAT.
  var VAT_RATE = 23;

  var PRODUCTS = [
    {
      id: 'sku-1', name: 'Ceramic pour-over dripper', price: 11900, art: 'dripper', tone: '#efd9c3',
      blurb: 'Hand-thrown, single-hole, brews one or two cups.',
      description: 'Thrown on the wheel in a small studio near Bolesławiec. The spiral ribs keep the paper filter off the wall so the coffee drains evenly. Fits size 02 filters.',
    },
    {
      id: 'sku-2', name: 'Stoneware mug, 300 ml', price: 5900, art: 'mug', tone: '#d9e4dc',
      blurb: 'Speckled glaze, a handle that fits four fingers.',
      description: 'A heavy, warm mug with a speckled oat glaze. Dishwasher and microwave safe. Every mug is a little different.',
    },
    {
      id: 'sku-3', name: 'Single-origin coffee, 250 g', price: 5490, art: 'coffee', tone: '#f3e3b5',
      blurb: 'Ethiopia Guji, washed. Peach, jasmine, black tea.',
      description: 'Light roast from a Kraków roastery, roasted on Mondays and shipped the same week. Whole beans in a recyclable valve bag.',
    },
    {
      id: 'sku-4', name: 'Gooseneck kettle, 0.8 l', price: 24900, art: 'kettle', tone: '#d6dde8',
      blurb: 'Brushed steel, a slow and steady pour.',
      description: 'A narrow spout for a precise pour over the grounds, a built-in thermometer in the lid, and a flat base that works on induction.',
    },
    {
      id: 'sku-5', name: 'Glass carafe, 600 ml', price: 8900, art: 'carafe', tone: '#e4dcef',
      blurb: 'Borosilicate glass with an oak collar.',
      description: 'Serves three cups. The oiled oak collar keeps your hand cool; the glass goes straight from the fridge to the hob.',
    },
    {
      id: 'sku-6', name: 'Linen tea towel', price: 3900, art: 'towel', tone: '#f0d6d6',
      blurb: 'Stonewashed Polish linen, 50 × 70 cm.',
      description: 'Woven in Żyrardów from flax grown in Poland. Gets softer and more absorbent with every wash.',
    },
  ];

  var priceFormat = new Intl.NumberFormat('pl-PL', { style: 'currency', currency: CURRENCY });
  var formatPrice = function (grosze) { return priceFormat.format(grosze / 100); };
  var toPLN = function (grosze) { return grosze / 100; };

  function tagrelay() {
    window.tagrelay.apply(null, arguments);
  }

  function findProduct(id) {
    for (var i = 0; i < PRODUCTS.length; i++) if (PRODUCTS[i].id === id) return PRODUCTS[i];
    return undefined;
  }

  // ---- cart ---------------------------------------------------------------

  /** The cart as `[{ id, quantity }]`; anything unreadable counts as empty. */
  function readCart() {
    try {
      var lines = JSON.parse(localStorage.getItem(CART_KEY) || '[]');
      return Array.isArray(lines)
        ? lines.filter(function (l) { return findProduct(l.id) && l.quantity > 0; })
        : [];
    } catch (e) {
      return [];
    }
  }

  function writeCart(lines) {
    localStorage.setItem(CART_KEY, JSON.stringify(lines));
    renderCartCount();
  }

  function addToCart(id, quantity) {
    var lines = readCart();
    var line = lines.find(function (l) { return l.id === id; });
    if (line) line.quantity = Math.min(99, line.quantity + quantity);
    else lines.push({ id: id, quantity: quantity });
    writeCart(lines);
  }

  function setQuantity(id, quantity) {
    writeCart(readCart()
      .map(function (l) { return l.id === id ? { id: id, quantity: Math.min(99, quantity) } : l; })
      .filter(function (l) { return l.quantity > 0; }));
  }

  function totals(lines) {
    var subtotal = lines.reduce(function (sum, l) { return sum + findProduct(l.id).price * l.quantity; }, 0);
    var shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING;
    return {
      subtotal: subtotal,
      shipping: shipping,
      // The VAT contained in the (gross) item prices.
      tax: Math.round(subtotal * VAT_RATE / (100 + VAT_RATE)),
      total: subtotal + shipping,
    };
  }

  // ---- analytics payloads (GA4 recommended e-commerce events) --------------

  function item(product, quantity) {
    return { item_id: product.id, item_name: product.name, price: toPLN(product.price), quantity: quantity };
  }

  function cartItems(lines) {
    return lines.map(function (l) { return item(findProduct(l.id), l.quantity); });
  }

  // ---- rendering helpers ---------------------------------------------------

  function $(selector) { return document.querySelector(selector); }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function productUrl(product) { return '/product.html?id=' + encodeURIComponent(product.id); }

  var INK = '#2d2520';
  // Small line drawings instead of photos: the shop must make no request to another host.
  var ART = {
    dripper:
      '<path d="M62 52h76l-22 44H84z" fill="#fff8f0" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<path d="M76 64l12 24M100 60v28M124 64l-12 24" stroke="' + INK + '" stroke-width="2" opacity=".35"/>' +
      '<rect x="78" y="96" width="44" height="8" rx="3" fill="' + INK + '"/>' +
      '<path d="M74 108h52l-6 30H80z" fill="#fff" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<path d="M92 116h16" stroke="#9c6b3f" stroke-width="6" stroke-linecap="round"/>',
    mug:
      '<path d="M128 72c20 0 20 34 0 34" fill="none" stroke="' + INK + '" stroke-width="8"/>' +
      '<rect x="64" y="60" width="68" height="76" rx="10" fill="#fbfaf5" stroke="' + INK + '" stroke-width="4"/>' +
      '<circle cx="84" cy="86" r="2" fill="' + INK + '"/><circle cx="106" cy="100" r="2" fill="' + INK + '"/>' +
      '<circle cx="92" cy="118" r="2" fill="' + INK + '"/><circle cx="116" cy="78" r="2" fill="' + INK + '"/>' +
      '<path d="M86 48c-6-8 6-12 0-22M106 48c-6-8 6-12 0-22" fill="none" stroke="' + INK + '" stroke-width="3" stroke-linecap="round" opacity=".5"/>',
    coffee:
      '<path d="M68 48h64l6 92H62z" fill="#8a5a35" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<path d="M68 48l6-14h52l6 14" fill="#a0714a" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<rect x="76" y="74" width="48" height="40" rx="4" fill="#fff8e8"/>' +
      '<ellipse cx="100" cy="94" rx="9" ry="13" fill="#6b3f1f"/><path d="M100 82c-5 8 5 16 0 24" stroke="#fff8e8" stroke-width="2.5" fill="none"/>',
    kettle:
      '<path d="M58 130h84l-8-52H66z" fill="#c9d2de" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<path d="M60 110C40 104 38 72 26 58" fill="none" stroke="' + INK + '" stroke-width="6" stroke-linecap="round"/>' +
      '<path d="M134 84c22 0 22 34 4 40" fill="none" stroke="' + INK + '" stroke-width="8" stroke-linecap="round"/>' +
      '<path d="M74 78c4-14 48-14 52 0" fill="#aeb8c6" stroke="' + INK + '" stroke-width="4"/>' +
      '<circle cx="100" cy="62" r="6" fill="' + INK + '"/>',
    carafe:
      '<path d="M86 40h28v20c22 10 30 30 30 50 0 18-10 28-22 28H78c-12 0-22-10-22-28 0-20 8-40 30-50z" fill="#f7f5ff" fill-opacity=".7" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<path d="M60 112c16-6 64-6 80 0v4c0 14-8 22-18 22H78c-10 0-18-8-18-22z" fill="#7a4a2a" opacity=".85"/>' +
      '<rect x="80" y="56" width="40" height="14" rx="3" fill="#c49a6c" stroke="' + INK + '" stroke-width="3"/>',
    towel:
      '<path d="M56 36h88" stroke="' + INK + '" stroke-width="5" stroke-linecap="round"/>' +
      '<path d="M100 36v-6" stroke="' + INK + '" stroke-width="3"/>' +
      '<path d="M66 36h68v96c0 4-2 6-6 6H72c-4 0-6-2-6-6z" fill="#fbf6ef" stroke="' + INK + '" stroke-width="4" stroke-linejoin="round"/>' +
      '<path d="M66 58h68M66 66h68M66 112h68M66 120h68" stroke="#c0504d" stroke-width="4"/>',
  };

  function artSvg(product, label) {
    return '<svg class="art" viewBox="0 0 200 170" ' +
      (label ? 'role="img" aria-label="' + escapeHtml(product.name) + '"' : 'aria-hidden="true"') +
      ' style="background:' + product.tone + '">' + ART[product.art] + '</svg>';
  }

  function renderCartCount() {
    var count = readCart().reduce(function (n, l) { return n + l.quantity; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) {
      el.textContent = String(count);
      el.hidden = count === 0;
    });
  }

  // ---- pages ---------------------------------------------------------------

  function indexPage() {
    $('#products').innerHTML = PRODUCTS.map(function (p) {
      return '<li class="card">' + artSvg(p, false) +
        '<div class="card-body"><h2 class="card-title"><a href="' + productUrl(p) + '">' + escapeHtml(p.name) + '</a></h2>' +
        '<p class="muted">' + escapeHtml(p.blurb) + '</p>' +
        '<p class="price">' + formatPrice(p.price) + '</p></div></li>';
    }).join('');
    tagrelay('track', 'view_item_list', {
      item_list_id: 'all_products',
      item_list_name: 'All products',
      items: PRODUCTS.map(function (p) { return item(p, 1); }),
    });
  }

  function productPage() {
    var product = findProduct(new URLSearchParams(location.search).get('id'));
    if (!product) {
      $('#product').innerHTML = '<div class="empty"><h1>Product not found</h1>' +
        '<p>It may have sold out. <a href="/">See all products</a>.</p></div>';
      return;
    }
    document.title = product.name + ' — Pracownia';
    $('#crumb').textContent = product.name;
    $('#product').innerHTML =
      '<div class="product-art">' + artSvg(product, true) + '</div>' +
      '<div class="product-info"><h1>' + escapeHtml(product.name) + '</h1>' +
      '<p class="price price-lg">' + formatPrice(product.price) + ' <span class="muted small">incl. VAT</span></p>' +
      '<p>' + escapeHtml(product.description) + '</p>' +
      '<form id="add-form" class="add-form">' +
      '<label for="quantity">Quantity</label>' +
      '<input id="quantity" name="quantity" type="number" min="1" max="99" value="1" inputmode="numeric" required>' +
      '<button type="submit" class="button primary">Add to cart</button></form>' +
      '<p id="added" class="notice" role="status"></p>' +
      '<ul class="perks small muted"><li>Free delivery from ' + formatPrice(FREE_SHIPPING_FROM) + '</li>' +
      '<li>30-day returns</li><li>Ships from Kraków in 1–2 working days</li></ul></div>';

    tagrelay('track', 'view_item', { currency: CURRENCY, value: toPLN(product.price), items: [item(product, 1)] });

    $('#add-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var quantity = Math.max(1, Math.min(99, Math.floor(Number($('#quantity').value)) || 1));
      addToCart(product.id, quantity);
      tagrelay('track', 'add_to_cart', {
        currency: CURRENCY,
        value: toPLN(product.price * quantity),
        items: [item(product, quantity)],
      });
      $('#added').innerHTML = 'Added ' + quantity + ' × ' + escapeHtml(product.name) +
        ' to your cart. <a href="/cart.html">View cart</a>';
    });
  }

  function summaryRows(t) {
    return '<dl class="summary">' +
      '<div><dt>Subtotal</dt><dd>' + formatPrice(t.subtotal) + '</dd></div>' +
      '<div><dt>Delivery</dt><dd>' + (t.shipping ? formatPrice(t.shipping) : 'Free') + '</dd></div>' +
      '<div class="total"><dt>Total</dt><dd>' + formatPrice(t.total) + '</dd></div>' +
      '<div class="small muted"><dt>incl. VAT ' + VAT_RATE + '%</dt><dd>' + formatPrice(t.tax) + '</dd></div></dl>';
  }

  function emptyCart(where) {
    where.innerHTML = '<div class="empty"><h1>Your cart is empty</h1>' +
      '<p>Good coffee starts with good gear. <a class="button primary" href="/">Browse products</a></p></div>';
  }

  function cartPage() {
    var root = $('#cart');
    // One delegated listener for the steppers and Remove buttons, which are re-rendered on every change.
    root.addEventListener('click', function (event) {
      var target = event.target.closest('button[data-id]');
      if (!target) return;
      var line = readCart().find(function (l) { return l.id === target.dataset.id; });
      if (!line) return;
      setQuantity(line.id, target.dataset.remove ? 0 : line.quantity + Number(target.dataset.step));
      renderCart(root);
    });
    renderCart(root);
  }

  function renderCart(root) {
    var lines = readCart();
    if (!lines.length) return emptyCart(root);
    var t = totals(lines);
    root.innerHTML = '<h1>Your cart</h1><div class="split"><ul class="lines">' +
      lines.map(function (l) {
        var p = findProduct(l.id);
        return '<li class="line">' + artSvg(p, false) +
          '<div class="line-info"><a href="' + productUrl(p) + '">' + escapeHtml(p.name) + '</a>' +
          '<span class="muted small">' + formatPrice(p.price) + ' each</span></div>' +
          '<div class="stepper" role="group" aria-label="Quantity of ' + escapeHtml(p.name) + '">' +
          '<button type="button" data-step="-1" data-id="' + p.id + '" aria-label="One less">−</button>' +
          '<output aria-live="polite">' + l.quantity + '</output>' +
          '<button type="button" data-step="1" data-id="' + p.id + '" aria-label="One more">+</button></div>' +
          '<strong class="line-total">' + formatPrice(p.price * l.quantity) + '</strong>' +
          '<button type="button" class="link" data-id="' + p.id + '" data-remove="1">Remove</button></li>';
      }).join('') + '</ul>' +
      '<aside class="panel">' + summaryRows(t) +
      (t.shipping ? '<p class="small muted">Add ' + formatPrice(FREE_SHIPPING_FROM - t.subtotal) + ' more for free delivery.</p>' : '') +
      '<a class="button primary block" id="checkout" href="/checkout.html">Checkout</a></aside></div>';

    // The link navigates right away: tracking must not hold the visitor back.
    $('#checkout').addEventListener('click', function () {
      tagrelay('track', 'begin_checkout', { currency: CURRENCY, value: toPLN(t.subtotal), items: cartItems(lines) });
    });
  }

  function checkoutPage() {
    var lines = readCart();
    var form = $('#checkout-form');
    if (!lines.length) return emptyCart($('#checkout'));
    var t = totals(lines);
    $('#order-summary').innerHTML = '<h2>Order summary</h2><ul class="mini-lines">' +
      lines.map(function (l) {
        var p = findProduct(l.id);
        return '<li><span>' + l.quantity + ' × ' + escapeHtml(p.name) + '</span><span>' + formatPrice(p.price * l.quantity) + '</span></li>';
      }).join('') + '</ul>' + summaryRows(t);
    $('#pay').textContent = 'Pay ' + formatPrice(t.total);

    var fieldsets = { card: $('#card-fields'), blik: $('#blik-fields') };
    var paymentType = function () { return form.elements.payment_type.value; };
    var reported = '';

    // Reported once the payment details are complete, and again only if the method changes.
    function reportPaymentInfo() {
      var type = paymentType();
      var fields = fieldsets[type].querySelectorAll('input');
      var complete = Array.prototype.every.call(fields, function (f) { return f.value && f.checkValidity(); });
      if (!complete || reported === type) return;
      reported = type;
      tagrelay('track', 'add_payment_info', { currency: CURRENCY, value: toPLN(t.subtotal), payment_type: type });
    }

    form.addEventListener('change', function (event) {
      if (event.target.name !== 'payment_type') return;
      // A disabled fieldset takes its fields out of validation and out of the form data.
      Object.keys(fieldsets).forEach(function (type) {
        fieldsets[type].disabled = fieldsets[type].hidden = type !== paymentType();
      });
    });
    form.addEventListener('input', reportPaymentInfo);

    // The visitor is identified as soon as the email is entered: identify() hashes in the
    // browser, asynchronously, and that is long done when Pay navigates away.
    var identified = '';
    function identifyEmail() {
      var field = form.elements.email;
      var email = field.value.trim();
      if (!email || email === identified || !field.checkValidity()) return;
      identified = email;
      // The raw email goes to identify() only; the shop never sends it anywhere.
      tagrelay('identify', { email: email });
    }
    form.elements.email.addEventListener('change', identifyEmail);

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      $('#pay').disabled = true; // one purchase per click, however impatient
      reportPaymentInfo();
      var order = {
        // Time plus a random tail: two tabs paying in the same millisecond still get different ids.
        transaction_id: ('T-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 6)).toUpperCase(),
        currency: CURRENCY,
        value: toPLN(t.subtotal),
        tax: toPLN(t.tax),
        shipping: toPLN(t.shipping),
        items: cartItems(lines),
      };
      identifyEmail(); // in case the field never lost focus
      tagrelay('track', 'purchase', order);
      localStorage.setItem(ORDER_KEY, JSON.stringify({ id: order.transaction_id, lines: lines, totals: t }));
      writeCart([]);
      // Navigate at once, as real shops do: the SDK has to survive the navigation.
      location.assign('/thanks.html');
    });
  }

  function thanksPage() {
    var order;
    try { order = JSON.parse(localStorage.getItem(ORDER_KEY) || 'null'); } catch (e) { order = null; }
    if (!order) return;
    $('#order-id').textContent = order.id;
    $('#order-details').innerHTML = '<ul class="mini-lines">' + order.lines.map(function (l) {
      var p = findProduct(l.id);
      return p ? '<li><span>' + l.quantity + ' × ' + escapeHtml(p.name) + '</span><span>' + formatPrice(p.price * l.quantity) + '</span></li>' : '';
    }).join('') + '</ul>' + summaryRows(order.totals);
    $('#order').hidden = false;
  }

  // ---- privacy settings: the footer link reopens tagrelay's preferences ----

  function privacySettingsLink() {
    document.querySelectorAll('[data-privacy-settings]').forEach(function (link) {
      link.addEventListener('click', function (event) {
        event.preventDefault();
        tagrelay('consent', 'show');
      });
    });
  }

  // ---- site header and footer, the same on every page -----------------------

  function renderChrome() {
    var header = document.querySelector('[data-site-header]');
    if (header) {
      header.innerHTML =
        '<div class="wrap header-row">' +
        '<a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Pracownia</a>' +
        '<nav aria-label="Main"><a href="/">Shop</a> ' +
        '<a class="cart-link" href="/cart.html">Cart <span class="badge" data-cart-count hidden>0</span></a></nav>' +
        '</div>';
    }
    var footer = document.querySelector('[data-site-footer]');
    if (footer) {
      footer.innerHTML =
        '<div class="wrap footer-row">' +
        '<p>Pracownia · small-batch coffee gear from Kraków · a tagrelay demo, nothing is for sale</p>' +
        '<p><a href="/privacy.html">Privacy policy</a> · <a href="/privacy.html" data-privacy-settings>Privacy settings</a></p>' +
        '</div>';
    }
  }

  var pages = { index: indexPage, product: productPage, cart: cartPage, checkout: checkoutPage, thanks: thanksPage };

  renderChrome();
  renderCartCount();
  privacySettingsLink();
  var page = pages[document.body.dataset.page];
  if (page) page();
})();
