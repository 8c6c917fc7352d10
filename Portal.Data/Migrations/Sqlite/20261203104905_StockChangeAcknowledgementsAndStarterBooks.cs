using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StockChangeAcknowledgementsAndStarterBooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastFullStockPushAtUtc",
                table: "Stores",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StockChangesFollowedSinceUtc",
                table: "Stores",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPushedAtUtc",
                table: "StoreProductLinks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastPushedQuantity",
                table: "StoreProductLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DefaultSaleTaxRuleId",
                table: "SalesSettings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StarterBooksAddedAtUtc",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StockChangeAcknowledgements",
                columns: table => new
                {
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    StockChangeId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockChangeAcknowledgements", x => new { x.StoreId, x.StockChangeId });
                    table.ForeignKey(
                        name: "FK_StockChangeAcknowledgements_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockChangeAcknowledgements_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SalesSettings_DefaultSaleTaxRuleId",
                table: "SalesSettings",
                column: "DefaultSaleTaxRuleId");

            migrationBuilder.CreateIndex(
                name: "IX_StockChangeAcknowledgements_OrganizationId",
                table: "StockChangeAcknowledgements",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StockChangeAcknowledgements_StockChangeId",
                table: "StockChangeAcknowledgements",
                column: "StockChangeId");

            migrationBuilder.AddForeignKey(
                name: "FK_SalesSettings_TaxRules_DefaultSaleTaxRuleId",
                table: "SalesSettings",
                column: "DefaultSaleTaxRuleId",
                principalTable: "TaxRules",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SalesSettings_TaxRules_DefaultSaleTaxRuleId",
                table: "SalesSettings");

            migrationBuilder.DropTable(
                name: "StockChangeAcknowledgements");

            migrationBuilder.DropIndex(
                name: "IX_SalesSettings_DefaultSaleTaxRuleId",
                table: "SalesSettings");

            migrationBuilder.DropColumn(
                name: "LastFullStockPushAtUtc",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "StockChangesFollowedSinceUtc",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "LastPushedAtUtc",
                table: "StoreProductLinks");

            migrationBuilder.DropColumn(
                name: "LastPushedQuantity",
                table: "StoreProductLinks");

            migrationBuilder.DropColumn(
                name: "DefaultSaleTaxRuleId",
                table: "SalesSettings");

            migrationBuilder.DropColumn(
                name: "StarterBooksAddedAtUtc",
                table: "Organizations");
        }
    }
}
