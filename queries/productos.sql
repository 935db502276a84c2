-- Product catalogue of one country.
SELECT
    id_producto,
    nombre,
    categoria,
    precio_unitario
FROM {database}.{schema}.productos
WHERE pais = '{country_code}'
